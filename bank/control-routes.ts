/**
 * Test and demo controls for the mock bank, mounted under /control only when enabled: they
 * let anyone make the bank fail, and read any account's incoming credits (what its holder would
 * see on a statement, micro-deposits included), so production never exposes them.
 */
import { Hono } from 'hono';
import { faultPatchSchema, faultSettingsToJson, type BankFaults } from './faults';
import { problem } from './problem';
import { INCOMING_CREDITS_LIMIT_MAX, type BankStore } from './store';
import { describeIssues, incomingCreditToJson, moneyRequestSchema } from './wire';

export function createControlRoutes(faults: BankFaults, store: BankStore): Hono {
  const routes = new Hono();
  // The holder's view of an account in development: how a person (or a test) reads the
  // micro-deposits that prove they control it. A real bank shows these on its own statement.
  routes.get('/accounts/:accountRef/credits', async (c) => {
    const accountRef = moneyRequestSchema.shape.accountRef.safeParse(c.req.param('accountRef'));
    if (!accountRef.success) return problem(c, 'INVALID_REQUEST', describeIssues(accountRef.error));
    const credits = await store.incomingCredits(accountRef.data, INCOMING_CREDITS_LIMIT_MAX);
    return c.json({ accountRef: accountRef.data, credits: credits.map(incomingCreditToJson) });
  });
  routes.get('/faults', (c) => c.json(faultSettingsToJson(faults.settings())));
  // PUT merges: fields left out keep their value, so a demo can flip `outage` alone.
  routes.put('/faults', async (c) => {
    const body: unknown = await c.req.json().catch(() => undefined);
    const patch = faultPatchSchema.safeParse(body);
    if (!patch.success) return problem(c, 'INVALID_REQUEST', describeIssues(patch.error));
    return c.json(faultSettingsToJson(faults.update(patch.data)));
  });
  routes.post('/reset', (c) => c.json(faultSettingsToJson(faults.reset())));
  return routes;
}
