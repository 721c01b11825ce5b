/**
 * Contacts: the caller's saved recipients, the people they recently paid or were paid by, and
 * a lookup that shows a recipient's name before money moves. Handles are public (they are what
 * people give each other to be paid); an email is looked up only among the caller's own
 * counterparties, and an unknown one gets the same answer as an unregistered one, so the lookup
 * never tells whether a stranger's email has an account.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Database } from '../../prisma/client';
import { ProblemError } from '../problem';
import { findUserByName, type Recipient } from '../recipients';
import { createRouter } from '../router';
import { authProblems, problemDoc } from '../schemas';

/** Recent counterparties shown. */
const RECENT_MAX = 10;
const SAVED_MAX = 200;

const Contact = z.object({ handle: z.string(), displayName: z.string().nullable() }).openapi('Contact', {
  description: 'Another user as the caller may address them: by handle, with the name they chose',
});
const RecentContact = Contact.extend({ lastTransferAt: z.string().openapi({ format: 'date-time' }) }).openapi(
  'RecentContact',
);
const Name = z
  .string()
  .trim()
  .min(1)
  .max(254)
  .openapi({ description: 'A handle (with or without @) or an email', example: 'bob' });
const unknown = () =>
  new ProblemError(
    404,
    'recipient-unknown',
    'We could not find that recipient',
    'check the handle, or ask them for it',
  );

const list = createRoute({
  method: 'get',
  path: '/',
  tags: ['contacts'],
  summary: 'Saved and recent recipients',
  security: [{ bearerAuth: [] }],
  responses: {
    200: {
      description: 'Saved contacts by handle, and the latest counterparties of P2P transfers, newest first',
      content: {
        'application/json': {
          schema: z.object({ saved: z.array(Contact), recent: z.array(RecentContact) }).openapi('Contacts'),
        },
      },
    },
    ...authProblems,
  },
});

const lookup = createRoute({
  method: 'get',
  path: '/lookup',
  tags: ['contacts'],
  summary: "A recipient's name, to confirm before sending",
  description:
    'Any handle; an email only of someone the caller has transacted with or saved. Anything else is 404 `recipient-unknown`, the same for an unregistered email.',
  security: [{ bearerAuth: [] }],
  request: { query: z.object({ recipient: Name }) },
  responses: {
    200: { description: 'The recipient', content: { 'application/json': { schema: Contact } } },
    400: problemDoc('No recipient given'),
    ...authProblems,
    404: problemDoc('Not known (`recipient-unknown`)'),
  },
});

const save = createRoute({
  method: 'post',
  path: '/',
  tags: ['contacts'],
  summary: 'Save a recipient',
  security: [{ bearerAuth: [] }],
  request: {
    body: { required: true, content: { 'application/json': { schema: z.object({ recipient: Name }) } } },
  },
  responses: {
    201: {
      description: 'Saved (saving twice is fine)',
      content: { 'application/json': { schema: Contact } },
    },
    400: problemDoc('Invalid body'),
    ...authProblems,
    404: problemDoc('Not known (`recipient-unknown`)'),
    422: problemDoc('`self-contact` or `too-many-contacts`'),
  },
});

const remove = createRoute({
  method: 'delete',
  path: '/{handle}',
  tags: ['contacts'],
  summary: 'Forget a saved recipient',
  security: [{ bearerAuth: [] }],
  request: {
    params: z.object({
      handle: z
        .string()
        .max(31)
        .openapi({ param: { name: 'handle', in: 'path' } }),
    }),
  },
  responses: { 204: { description: 'Not saved any more (or never was)' }, ...authProblems },
});

/** Whether two users already know each other here: a saved contact, a transfer or a request between them. */
async function haveTransacted(db: Database, userId: string, otherId: string): Promise<boolean> {
  const [row] = await db.$queryRaw<{ known: boolean }[]>`
    SELECT EXISTS (SELECT 1 FROM contacts WHERE user_id = ${userId}::uuid AND contact_user_id = ${otherId}::uuid)
        OR EXISTS (SELECT 1 FROM transfers WHERE kind = 'P2P' AND status = 'COMPLETED'
                     AND ((user_id = ${userId}::uuid AND recipient_user_id = ${otherId}::uuid) OR (user_id = ${otherId}::uuid AND recipient_user_id = ${userId}::uuid)))
        OR EXISTS (SELECT 1 FROM payment_requests
                    WHERE (requester_id = ${userId}::uuid AND payer_id = ${otherId}::uuid) OR (requester_id = ${otherId}::uuid AND payer_id = ${userId}::uuid)) AS known`;
  return row?.known ?? false;
}

/** The user a name means to the caller, under the privacy rule above. */
export async function lookUpRecipient(db: Database, callerId: string, name: string): Promise<Recipient> {
  const user = await findUserByName(db, name);
  if (!user) throw unknown();
  const byEmail = name.includes('@') && !name.trim().startsWith('@');
  if (byEmail && user.id !== callerId && !(await haveTransacted(db, callerId, user.id))) throw unknown();
  return user;
}

export function contactRoutes({ db }: { db: Database }) {
  const app = createRouter();
  const contactOf = (user: { handle: string; displayName: string | null }) => ({
    handle: user.handle,
    displayName: user.displayName,
  });

  app.openapi(list, async (c) => {
    const userId = c.get('user').id;
    const saved = await db.$queryRaw<{ handle: string; display_name: string | null }[]>`
      SELECT u.handle, u.display_name FROM contacts c JOIN users u ON u.id = c.contact_user_id
       WHERE c.user_id = ${userId}::uuid ORDER BY u.handle LIMIT ${SAVED_MAX}`;
    // The other side of completed P2P transfers and of payment requests, either way.
    const recent = await db.$queryRaw<{ handle: string; display_name: string | null; last_at: Date }[]>`
      WITH other AS (
        SELECT CASE WHEN t.user_id = ${userId}::uuid THEN t.recipient_user_id ELSE t.user_id END AS id, t.created_at AS at
          FROM transfers t
         WHERE t.kind = 'P2P' AND t.status = 'COMPLETED' AND (t.user_id = ${userId}::uuid OR t.recipient_user_id = ${userId}::uuid)
        UNION ALL
        SELECT CASE WHEN r.requester_id = ${userId}::uuid THEN r.payer_id ELSE r.requester_id END, r.created_at
          FROM payment_requests r WHERE r.requester_id = ${userId}::uuid OR r.payer_id = ${userId}::uuid)
      SELECT u.handle, u.display_name, max(other.at) AS last_at
        FROM other JOIN users u ON u.id = other.id
       GROUP BY u.handle, u.display_name ORDER BY last_at DESC LIMIT ${RECENT_MAX}`;
    return c.json(
      {
        saved: saved.map((row) => ({ handle: row.handle, displayName: row.display_name })),
        recent: recent.map((row) => ({
          handle: row.handle,
          displayName: row.display_name,
          lastTransferAt: row.last_at.toISOString(),
        })),
      },
      200,
    );
  });

  app.openapi(lookup, async (c) =>
    c.json(contactOf(await lookUpRecipient(db, c.get('user').id, c.req.valid('query').recipient)), 200),
  );

  app.openapi(save, async (c) => {
    const userId = c.get('user').id;
    const user = await lookUpRecipient(db, userId, c.req.valid('json').recipient);
    if (user.id === userId)
      throw new ProblemError(422, 'self-contact', 'You cannot save yourself as a contact');
    if ((await db.contact.count({ where: { userId } })) >= SAVED_MAX) {
      throw new ProblemError(
        422,
        'too-many-contacts',
        'Too many contacts',
        `you may save ${SAVED_MAX}; forget one first`,
      );
    }
    await db.$executeRaw`INSERT INTO contacts (user_id, contact_user_id) VALUES (${userId}::uuid, ${user.id}::uuid) ON CONFLICT DO NOTHING`;
    return c.json(contactOf(user), 201);
  });

  app.openapi(remove, async (c) => {
    const userId = c.get('user').id;
    const handle = c.req.valid('param').handle.toLowerCase().replace(/^@/, '');
    await db.$executeRaw`DELETE FROM contacts WHERE user_id = ${userId}::uuid AND contact_user_id = (SELECT id FROM users WHERE handle = ${handle})`;
    return c.body(null, 204);
  });

  return app;
}
