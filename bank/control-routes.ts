/**
 * Test and demo controls for the mock bank, mounted under /control only when enabled: they
 * let anyone make the bank fail, so production never exposes them.
 */
import { Hono } from 'hono';
import { faultPatchSchema, faultSettingsToJson, type BankFaults } from './faults';
import { problem } from './problem';
import { describeIssues } from './wire';

export function createControlRoutes(faults: BankFaults): Hono {
  const routes = new Hono();
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
