/**
 * A duplicate-key storm: KIZO_VUS clients (200) send KIZO_KEYS P2P transfers (20) at once, each
 * key by every tenth client, as a client that retries too eagerly (or a replayed network) would.
 * Every answer for a key must be the one transfer of that key: 202 (first or replayed), after
 * 409s while the first is still in flight, which the client retries. The bench then checks that each
 * key moved money exactly once.
 */
import { check } from 'k6';
import { move, summaryTo, users } from './lib/kizo.js';

const keys = Number(__ENV.KIZO_KEYS || 20);
const runId = __ENV.KIZO_RUN_ID || 'storm';

export const options = {
  scenarios: {
    storm: {
      executor: 'per-vu-iterations',
      vus: Number(__ENV.KIZO_VUS || 200),
      iterations: 1,
      maxDuration: '2m',
    },
  },
  thresholds: {
    checks: ['rate==1'],
    http_req_failed: ['rate<0.01'],
  },
  summaryTrendStats: ['min', 'med', 'p(90)', 'p(99)', 'max', 'count'],
};

export default function () {
  const index = (__VU - 1) % keys;
  const sender = users[index];
  const body = { amountMinor: '100', currency: 'EUR', recipient: users[(index + 1) % users.length].handle };
  // move() retries a 409 (the key's first request still in flight) after its Retry-After.
  const response = move(sender, 'P2P', body, `${runId}-${index}`);
  check(response, {
    'one transfer per key (202 COMPLETED)': (r) => r.status === 202 && r.json('status') === 'COMPLETED',
  });
}

export const handleSummary = summaryTo;
