/**
 * Operator routes (role admin): every transfer with filters and a link to its workflow in the
 * Temporal Web UI, review decisions for transfers waiting in IN_REVIEW, the ledger audit and
 * the bank reconciliation. Decisions are workflow updates; nothing here writes balances.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Client } from '@temporalio/client';
import type { BankClient } from '../../bank-client/client';
import { auditLedger } from '../../ledger/audit';
import { reconcile } from '../../ledger/reconciliation';
import type { Config } from '../../common/config';
import { isUuid } from '../../common/ids';
import { TRANSFER_KINDS, TRANSFER_STATUSES } from '../../common/transfer-status';
import type { Database } from '../../prisma/client';
import { reviewUpdate, type ReviewResult } from '../../workflows/definitions';
import { decodeCursor, encodeCursor } from '../cursor';
import { ProblemError } from '../problem';
import { createRouter } from '../router';
import { authProblems, IdParam, PageQuery, problemDoc, Transfer } from '../schemas';
import { findTransfer, listTransfers } from '../../transfers/records';
import { loadTransferView, toTransferViews, withLiveState } from '../transfer-view';

const forbidden = { 403: problemDoc('The caller is not an admin') };

const AdminTransfer = Transfer.extend({
  userHandle: z.string().openapi({ description: 'Handle of the user who started it' }),
  temporalUiUrl: z.string().openapi({ description: "The workflow in Temporal's Web UI" }),
}).openapi('AdminTransfer');

const AuditReport = z
  .object({
    ok: z.boolean(),
    checkedAt: z.string(),
    checks: z.array(
      z.object({
        name: z.string(),
        ok: z.boolean(),
        violations: z.number().int(),
        examples: z.array(z.string()),
      }),
    ),
  })
  .openapi('LedgerAuditReport');

const list = createRoute({
  method: 'get',
  path: '/transfers',
  tags: ['admin'],
  summary: 'All transfers, newest first, with filters',
  security: [{ bearerAuth: [] }],
  request: {
    query: PageQuery.extend({
      status: z.enum(TRANSFER_STATUSES).optional(),
      kind: z.enum(TRANSFER_KINDS).optional(),
      user: z.string().max(254).optional().openapi({ description: "Initiating user's handle, email or id" }),
    }),
  },
  responses: {
    200: {
      description: 'One page',
      content: {
        'application/json': {
          schema: z.object({ items: z.array(AdminTransfer), nextCursor: z.string().nullable() }),
        },
      },
    },
    400: problemDoc('Invalid filter or cursor'),
    ...authProblems,
    ...forbidden,
  },
});

const decisionResponses = {
  202: {
    description: 'Decision delivered; the transfer as it stands now',
    content: { 'application/json': { schema: Transfer } },
  },
  400: problemDoc('Invalid body, or the id is not a UUID (`validation-failed`)'),
  ...authProblems,
  404: problemDoc('No such transfer'),
  403: problemDoc('The caller is not an admin, or started or receives the transfer (`own-transfer`)'),
  409: problemDoc('The transfer is not waiting for review (`not-in-review`)'),
};

const approve = createRoute({
  method: 'post',
  path: '/transfers/{id}/approve',
  tags: ['admin'],
  summary: 'Approve a transfer waiting for review',
  security: [{ bearerAuth: [] }],
  request: { params: IdParam },
  responses: decisionResponses,
});

const reject = createRoute({
  method: 'post',
  path: '/transfers/{id}/reject',
  tags: ['admin'],
  summary: 'Reject a transfer waiting for review (its hold is released)',
  security: [{ bearerAuth: [] }],
  request: {
    params: IdParam,
    body: {
      required: true,
      content: { 'application/json': { schema: z.object({ reason: z.string().trim().min(1).max(500) }) } },
    },
  },
  responses: decisionResponses,
});

const audit = createRoute({
  method: 'get',
  path: '/ledger/audit',
  tags: ['admin'],
  summary: 'Check every ledger invariant now',
  security: [{ bearerAuth: [] }],
  responses: {
    200: {
      description: 'The audit report (`ok: false` names the broken checks)',
      content: { 'application/json': { schema: AuditReport } },
    },
    ...authProblems,
    ...forbidden,
  },
});

const ReconciliationReport = z
  .object({
    ok: z.boolean(),
    checkedAt: z.string(),
    counts: z.object({
      bankRecords: z.number().int(),
      ledgerPostings: z.number().int(),
      matched: z.number().int(),
      inFlight: z.number().int(),
    }),
    mismatches: z.array(
      z.object({
        transferId: z.string().nullable(),
        kind: z.enum(['collection', 'payout']).nullable(),
        problem: z.string(),
        detail: z.string(),
      }),
    ),
  })
  .openapi('ReconciliationReport');

const reconciliation = createRoute({
  method: 'get',
  path: '/reconciliation',
  tags: ['admin'],
  summary: "Compare the bank's records with the ledger now",
  security: [{ bearerAuth: [] }],
  responses: {
    200: {
      description: 'The report (`ok: false` lists mismatches)',
      content: { 'application/json': { schema: ReconciliationReport } },
    },
    ...authProblems,
    ...forbidden,
  },
});

const ReconciliationRun = z
  .object({
    workflowId: z
      .string()
      .openapi({ description: 'The scheduled workflow run that recorded it (Temporal Web UI)' }),
    checkedAt: z.string().openapi({ format: 'date-time' }),
    ok: z.boolean(),
    mismatchCount: z.number().int(),
    counts: ReconciliationReport.shape.counts,
    mismatches: ReconciliationReport.shape.mismatches,
  })
  .openapi('ReconciliationRun');

/** Runs listed at most; the table keeps them all for SQL. */
const RECONCILIATION_RUNS_MAX = 50;

const reconciliationRuns = createRoute({
  method: 'get',
  path: '/reconciliation/runs',
  tags: ['admin'],
  summary: 'The latest scheduled reconciliation runs, newest first',
  description: `Recorded by the \`kizo-reconciliation\` Temporal Schedule; at most ${RECONCILIATION_RUNS_MAX}.`,
  security: [{ bearerAuth: [] }],
  responses: {
    200: {
      description: 'The runs',
      content: { 'application/json': { schema: z.object({ items: z.array(ReconciliationRun) }) } },
    },
    ...authProblems,
    ...forbidden,
  },
});

export interface AdminRouteDependencies {
  db: Database;
  temporal: Client;
  config: Config;
  bank: BankClient;
}

export function adminRoutes({ db, temporal, config, bank }: AdminRouteDependencies) {
  const app = createRouter();
  const uiUrl = (workflowId: string) =>
    `${config.TEMPORAL_UI_URL.replace(/\/$/, '')}/namespaces/${encodeURIComponent(config.TEMPORAL_NAMESPACE)}/workflows/${encodeURIComponent(workflowId)}`;

  app.openapi(list, async (c) => {
    const query = c.req.valid('query');
    const after = decodeCursor(query.cursor, ['createdAt', 'id']);
    const userFilter = query.user ? await findUserId(db, query.user) : undefined;
    if (query.user && !userFilter) return c.json({ items: [], nextCursor: null }, 200);
    const rows = await listTransfers(
      db,
      {
        ...(query.status ? { status: query.status } : {}),
        ...(query.kind ? { kind: query.kind } : {}),
        ...(userFilter ? { initiatorId: userFilter } : {}),
        ...(after ? { after } : {}),
      },
      query.limit,
    );
    const page = rows.slice(0, query.limit);
    const views = await toTransferViews(db, page, undefined);
    const items = views.map((view, index) => ({
      ...view,
      userHandle: page[index]!.user.handle,
      temporalUiUrl: uiUrl(page[index]!.workflowId),
    }));
    const last = items.at(-1);
    return c.json(
      {
        items,
        nextCursor:
          rows.length > query.limit && last ? encodeCursor({ createdAt: last.createdAt, id: last.id }) : null,
      },
      200,
    );
  });

  async function decide(id: string, reviewerId: string, approved: boolean, reason?: string) {
    // One read: the row gives both the view and who may not review it.
    const row = await findTransfer(db, id, undefined);
    if (!row) throw new ProblemError(404, 'not-found', 'Transfer not found');
    const [view] = await toTransferViews(db, [row], undefined);
    const notInReview = (status: string) =>
      new ProblemError(409, 'not-in-review', 'Transfer is not waiting for review', `its status is ${status}`);
    if (row.status !== 'IN_REVIEW') throw notInReview(row.status);
    // Four eyes: the workflow refuses it too (its update validator), this answers it clearly.
    if (row.userId === reviewerId || row.recipientUserId === reviewerId) {
      throw new ProblemError(
        403,
        'own-transfer',
        'You cannot review a transfer you started or receive',
        'another admin must decide',
      );
    }
    let result: ReviewResult;
    try {
      result = await temporal.workflow
        .getHandle(row.workflowId)
        .executeUpdate(reviewUpdate, { args: [{ approved, reviewerId, ...(reason ? { reason } : {}) }] });
    } catch (error) {
      // The workflow finished meanwhile (a review timeout): the row says so. Anything else is a fault.
      const now = await loadTransferView(db, id, undefined);
      if (now && now.status !== 'IN_REVIEW') throw notInReview(now.status);
      throw error;
    }
    if (!result.applied) throw notInReview(result.state.status);
    return withLiveState((await loadTransferView(db, id, undefined)) ?? view!, result.state, undefined);
  }

  app.openapi(approve, async (c) =>
    c.json(await decide(c.req.valid('param').id, c.get('user').id, true), 202),
  );
  app.openapi(reject, async (c) =>
    c.json(await decide(c.req.valid('param').id, c.get('user').id, false, c.req.valid('json').reason), 202),
  );

  app.openapi(audit, async (c) => c.json(await auditLedger(db), 200));
  app.openapi(reconciliation, async (c) => c.json(await reconcile(db, bank), 200));
  app.openapi(reconciliationRuns, async (c) => {
    const runs = await db.reconciliationRun.findMany({
      orderBy: { id: 'desc' },
      take: RECONCILIATION_RUNS_MAX,
    });
    const items = runs.map((run) => ({
      workflowId: run.workflowId,
      checkedAt: run.checkedAt.toISOString(),
      ok: run.ok,
      mismatchCount: run.mismatchCount,
      counts: ReconciliationReport.shape.counts.parse(run.counts),
      mismatches: ReconciliationReport.shape.mismatches.parse(run.mismatches),
    }));
    return c.json({ items }, 200);
  });

  return app;
}

async function findUserId(db: Database, identifier: string): Promise<string | undefined> {
  const value = identifier.trim().toLowerCase().replace(/^@/, '');
  const user = await db.user.findFirst({
    where: { OR: [{ email: value }, { handle: value }, ...(isUuid(value) ? [{ id: value }] : [])] },
    select: { id: true },
  });
  return user?.id;
}
