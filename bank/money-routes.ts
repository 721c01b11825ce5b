/**
 * The bank's money endpoints: create a collection or payout (idempotent by our transfer id),
 * void one (a recall by our id), read one back, and page through everything for
 * reconciliation. Faults are applied here, in the one order a real bank would suffer them:
 * lost before recording, slow, lost after.
 *
 * The void is what makes "the bank did not do it" a definite answer: it atomically records a
 * tombstone when nothing is booked under the id (every later request with that id is refused
 * with VOIDED, never booked), and otherwise returns what is booked. A lookup cannot give that
 * guarantee, since a request that hung on the way may still land after it.
 */
import { Hono, type Context } from 'hono';
import type { BankFaults, FaultSettings } from './faults';
import { problem } from './problem';
import {
  InvalidCursorError,
  type BankStore,
  type MoneyRequest,
  type RecordKind,
  type RefusalCode,
  VOID_TOMBSTONE,
} from './store';
import {
  KIND_PATHS,
  accountCheckSchema,
  describeIssues,
  listQuerySchema,
  moneyRequestSchema,
  recordToJson,
  verificationCreditsSchema,
  verificationCreditsToJson,
} from './wire';

export const REPLAYED_HEADER = 'Idempotent-Replayed';

/** Applies the bank's rules; the outcome is stored, so a later rule change never alters it. */
export function decide(
  request: MoneyRequest,
  settings: FaultSettings,
): { status: 'ACCEPTED' | 'REFUSED'; reason: RefusalCode | null } {
  if (request.accountRef.startsWith('closed-') || settings.refuseAccounts.includes(request.accountRef)) {
    return { status: 'REFUSED', reason: 'ACCOUNT_CLOSED' };
  }
  if (request.amountMinor > settings.limitMinor) return { status: 'REFUSED', reason: 'LIMIT_EXCEEDED' };
  return { status: 'ACCEPTED', reason: null };
}

/**
 * The account-holder check (what real rails call confirmation of payee): does this name hold
 * this account? Closed accounts say so; an account with a holder on record matches only that
 * name (case and spacing aside); the mock bank takes any other well-formed account as held by
 * whoever names it.
 */
export function checkAccountHolder(
  request: { accountRef: string; holderName: string },
  settings: FaultSettings,
): 'MATCH' | 'NO_MATCH' | 'CLOSED' {
  if (request.accountRef.startsWith('closed-') || settings.refuseAccounts.includes(request.accountRef))
    return 'CLOSED';
  const onRecord = settings.accountHolders[request.accountRef];
  const normalise = (name: string) => name.trim().replace(/\s+/g, ' ').toLowerCase();
  if (onRecord !== undefined && normalise(onRecord) !== normalise(request.holderName)) return 'NO_MATCH';
  return 'MATCH';
}

export function unavailable(c: Context, faults: BankFaults, detail: string): Response {
  c.header('Retry-After', String(faults.retryAfterSeconds()));
  return problem(c, 'UNAVAILABLE', detail);
}

export function createMoneyRoutes(store: BankStore, faults: BankFaults): Hono {
  const routes = new Hono();
  for (const kind of ['collection', 'payout'] as const) {
    routes.post(`/${KIND_PATHS[kind]}`, (c) => createMovement(c, kind, store, faults));
    routes.post(`/${KIND_PATHS[kind]}/:id/void`, (c) => voidMovement(c, kind, store));
    routes.get(`/${KIND_PATHS[kind]}/:id`, async (c) => {
      const id = c.req.param('id').toLowerCase();
      // Anything that is not a uuid cannot be stored, and would make PostgreSQL raise.
      const record = /^[0-9a-f-]{36}$/.test(id) ? await store.get(kind, id) : null;
      if (!record) return problem(c, 'NOT_FOUND', `no ${kind} with id ${id}`);
      return c.json(recordToJson(record));
    });
  }
  routes.post('/account-checks', async (c) => {
    const body: unknown = await c.req.json().catch(() => undefined);
    const parsed = accountCheckSchema.safeParse(body);
    if (!parsed.success)
      return problem(
        c,
        'INVALID_REQUEST',
        body === undefined ? 'the body must be a JSON object' : describeIssues(parsed.error),
      );
    return c.json({
      accountRef: parsed.data.accountRef,
      result: checkAccountHolder(parsed.data, faults.settings()),
    });
  });
  // Micro-deposits from Kizo's own account (proof that someone controls an account): idempotent
  // by id like every movement, refused for closed accounts, and a book apart from the records.
  routes.post('/verification-credits', async (c) => {
    const body: unknown = await c.req.json().catch(() => undefined);
    const parsed = verificationCreditsSchema.safeParse(body);
    if (!parsed.success)
      return problem(
        c,
        'INVALID_REQUEST',
        body === undefined ? 'the body must be a JSON object' : describeIssues(parsed.error),
      );
    const settings = faults.settings();
    const { accountRef } = parsed.data;
    if (accountRef.startsWith('closed-') || settings.refuseAccounts.includes(accountRef))
      return problem(c, 'ACCOUNT_CLOSED', `account ${accountRef} is closed`);
    const outcome = await store.insertVerificationCredits(parsed.data);
    if (outcome.outcome === 'conflict')
      return problem(c, 'IDEMPOTENCY_CONFLICT', `id ${parsed.data.id} was first used with other credits`);
    if (outcome.outcome === 'replayed') c.header(REPLAYED_HEADER, 'true');
    return c.json(verificationCreditsToJson(outcome.credits), outcome.outcome === 'created' ? 201 : 200);
  });
  routes.get('/records', async (c) => {
    const query = listQuerySchema.safeParse(c.req.query());
    if (!query.success) return problem(c, 'INVALID_REQUEST', describeIssues(query.error));
    const { status, ...rest } = query.data;
    try {
      const page = await store.list({ ...rest, ...(status === 'ALL' ? {} : { status }) });
      return c.json({ records: page.records.map(recordToJson), nextCursor: page.nextCursor });
    } catch (error) {
      if (error instanceof InvalidCursorError) return problem(c, 'INVALID_REQUEST', error.message);
      throw error;
    }
  });
  return routes;
}

async function createMovement(
  c: Context,
  kind: RecordKind,
  store: BankStore,
  faults: BankFaults,
): Promise<Response> {
  const body: unknown = await c.req.json().catch(() => undefined);
  if (body === undefined) return problem(c, 'INVALID_REQUEST', 'the body must be a JSON object');
  const parsed = moneyRequestSchema.safeParse(body);
  if (!parsed.success) return problem(c, 'INVALID_REQUEST', describeIssues(parsed.error));
  const request: MoneyRequest = { ...parsed.data, kind };

  const fault = faults.nextMoneyCallFault();
  if (fault.kind === 'unavailable') return unavailable(c, faults, `injected fault: ${fault.reason}`);
  // A hung call still lands on the books: the caller timed out, the bank did not.
  if (fault.kind === 'hang') await faults.sleep(fault.hangMs);

  const outcome = await store.insertOrGet(request, decide(request, faults.settings()));
  if (fault.kind === 'drop-response')
    return unavailable(c, faults, 'injected fault: response lost after recording');
  // A broken proxy or a half-deployed bank: a 200 whose body means nothing.
  if (fault.kind === 'garbage')
    return c.body('<html>upstream says hello</html>', 200, { 'Content-Type': 'text/html' });
  if (outcome.outcome === 'conflict') {
    return problem(
      c,
      'IDEMPOTENCY_CONFLICT',
      `id ${request.id} was first used with a different ${outcome.record.kind} request`,
    );
  }
  if (outcome.outcome === 'replayed') c.header(REPLAYED_HEADER, 'true');
  const record = recordToJson(outcome.record);
  if (outcome.record.reason !== null) {
    return problem(c, outcome.record.reason, `${kind} ${request.id} refused: ${outcome.record.reason}`, {
      record,
    });
  }
  return c.json(record, outcome.outcome === 'created' ? 201 : 200);
}

/**
 * Voids our id: 201 with the tombstone when nothing was booked, else 200 with the stored record
 * (ACCEPTED means it was booked and stays so; REFUSED means it never moved money). The void
 * names the movement it voids, so a tombstone is a full record and a late request that matches
 * it is a replay of a refusal. Outages and latency apply (the /v1 middleware); the money-call
 * faults do not, since a void moves nothing.
 */
async function voidMovement(c: Context, kind: RecordKind, store: BankStore): Promise<Response> {
  const body: unknown = await c.req.json().catch(() => undefined);
  if (body === undefined) return problem(c, 'INVALID_REQUEST', 'the body must be a JSON object');
  const parsed = moneyRequestSchema.safeParse({ ...(body as object), id: c.req.param('id') });
  if (!parsed.success) return problem(c, 'INVALID_REQUEST', describeIssues(parsed.error));
  const request: MoneyRequest = { ...parsed.data, kind };
  const outcome = await store.insertOrGet(request, VOID_TOMBSTONE);
  if (outcome.outcome === 'conflict') {
    return problem(
      c,
      'IDEMPOTENCY_CONFLICT',
      `id ${request.id} was first used with a different ${outcome.record.kind} request`,
    );
  }
  return c.json(recordToJson(outcome.record), outcome.outcome === 'created' ? 201 : 200);
}
