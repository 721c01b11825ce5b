/**
 * P2P transfers and the caller's transfer list. POST starts (or joins) the transfer's workflow
 * with Update-with-Start and answers once the funds are held or refused; GETs read the
 * database and show only transfers the caller sent or received.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Client } from '@temporalio/client';
import type { Config } from '../../common/config';
import type { Database } from '../../prisma/client';
import type { P2PTransferInput } from '../../workflows/definitions';
import { decodeCursor, encodeCursor } from '../cursor';
import type { IdempotencyStore } from '../idempotency/store';
import { moneyPostRoute, moneyRequest } from '../money-request';
import { ProblemError } from '../problem';
import { resolveRecipient } from '../recipients';
import { TRANSFER_KINDS, TRANSFER_STATUSES } from '../../common/transfer-status';
import { createRouter } from '../router';
import {
  authProblems,
  IdParam,
  Moment,
  PageQuery,
  NoteInput,
  problemDoc,
  Transfer,
  TransferPage,
} from '../schemas';
import { listTransfers } from '../../transfers/records';
import { toTransferViews, loadTransferView } from '../transfer-view';

const create = moneyPostRoute({
  tag: 'transfers',
  summary: 'Send money to another user (P2P)',
  description:
    'Idempotent by the `Idempotency-Key` header (see the API description). Large amounts wait for an admin review (status IN_REVIEW).',
  fields: {
    recipient: z
      .string()
      .trim()
      .min(1)
      .max(254)
      .openapi({ description: "Recipient's email or handle", example: 'bob' }),
    note: NoteInput.optional(),
  },
});

const list = createRoute({
  method: 'get',
  path: '/',
  tags: ['transfers'],
  summary: 'Transfers the caller sent or received, newest first, filtered',
  description:
    'Filters combine: `kind`, `status`, `counterparty` (a handle: P2P transfers with them either way), `from` and `to` (created in [from, to)), `minAmountMinor` and `maxAmountMinor` (inclusive).',
  security: [{ bearerAuth: [] }],
  request: {
    query: PageQuery.extend({
      kind: z.enum(TRANSFER_KINDS).optional(),
      status: z.enum(TRANSFER_STATUSES).optional(),
      counterparty: z
        .string()
        .trim()
        .min(1)
        .max(31)
        .optional()
        .openapi({ description: 'A handle (with or without @)' }),
      from: Moment.optional(),
      to: Moment.optional(),
      minAmountMinor: z
        .string()
        .regex(/^\d{1,16}$/)
        .optional(),
      maxAmountMinor: z
        .string()
        .regex(/^\d{1,16}$/)
        .optional(),
    }),
  },
  responses: {
    200: { description: 'One page', content: { 'application/json': { schema: TransferPage } } },
    400: problemDoc('Invalid cursor, limit or filter (a date outside the accepted range among them)'),
    ...authProblems,
  },
});

const get = createRoute({
  method: 'get',
  path: '/{id}',
  tags: ['transfers'],
  summary: 'One transfer with its steps',
  security: [{ bearerAuth: [] }],
  request: { params: IdParam },
  responses: {
    200: { description: 'The transfer', content: { 'application/json': { schema: Transfer } } },
    400: problemDoc('The id is not a UUID (`validation-failed`)'),
    ...authProblems,
    404: problemDoc("No such transfer among the caller's"),
  },
});

export interface TransferRouteDependencies {
  db: Database;
  temporal: Client;
  config: Config;
  idempotency: IdempotencyStore;
}

export function transferRoutes(dependencies: TransferRouteDependencies) {
  const { db } = dependencies;
  const app = createRouter();

  app.openapi(create, async (c) => {
    const body = c.req.valid('json');
    const user = c.get('user');
    const idempotencyKey = c.req.valid('header')['idempotency-key'];
    return moneyRequest(c, dependencies, {
      kind: 'P2P',
      userId: user.id,
      idempotencyKey,
      body,
      prepare: async (base) => {
        const recipient = await resolveRecipient(db, user.id, body.recipient);
        const input: P2PTransferInput = {
          ...base,
          recipientUserId: recipient.id,
          ...(body.note ? { note: body.note } : {}),
        };
        return input;
      },
    });
  });

  app.openapi(list, async (c) => {
    const userId = c.get('user').id;
    const { cursor, limit, kind, status, counterparty, from, to, minAmountMinor, maxAmountMinor } =
      c.req.valid('query');
    const after = decodeCursor(cursor, ['createdAt', 'id']);
    let counterpartyId: string | undefined;
    if (counterparty) {
      const other = await db.user.findUnique({
        where: { handle: counterparty.toLowerCase().replace(/^@/, '') },
        select: { id: true },
      });
      // An unknown handle matches nothing (and says nothing about who exists).
      if (!other) return c.json({ items: [], nextCursor: null }, 200);
      counterpartyId = other.id;
    }
    const filter = {
      visibleToUserId: userId,
      ...(kind ? { kind } : {}),
      ...(status ? { status } : {}),
      ...(counterpartyId ? { counterpartyId } : {}),
      ...(from ? { from: new Date(from) } : {}),
      ...(to ? { to: new Date(to) } : {}),
      ...(minAmountMinor ? { minAmountMinor: BigInt(minAmountMinor) } : {}),
      ...(maxAmountMinor ? { maxAmountMinor: BigInt(maxAmountMinor) } : {}),
      ...(after ? { after } : {}),
    };
    const rows = await listTransfers(db, filter, limit);
    const items = await toTransferViews(db, rows.slice(0, limit), userId);
    const last = items.at(-1);
    return c.json(
      {
        items,
        nextCursor:
          rows.length > limit && last ? encodeCursor({ createdAt: last.createdAt, id: last.id }) : null,
      },
      200,
    );
  });

  app.openapi(get, async (c) => {
    const view = await loadTransferView(db, c.req.valid('param').id, c.get('user').id);
    if (!view) throw new ProblemError(404, 'not-found', 'Transfer not found');
    return c.json(view, 200);
  });

  return app;
}
