/**
 * A hot account: KIZO_VUS senders (50) each paying one merchant, back to back, for
 * KIZO_DURATION; with KIZO_SPREAD=1 the same senders pay each other instead, for the rate to
 * compare with. A P2P transfer below the review threshold is settled when it is accepted, so
 * accepted/s here is completed/s. The merchant is the last seeded user.
 */
import { check } from 'k6';
import { move, summaryTo, users } from './lib/kizo.js';

const spread = __ENV.KIZO_SPREAD === '1';
const merchant = users[users.length - 1];
const senders = users.slice(0, users.length - 1);

export const options = {
  scenarios: {
    payers: {
      executor: 'constant-vus',
      vus: Number(__ENV.KIZO_VUS || 50),
      duration: __ENV.KIZO_DURATION || '30s',
    },
  },
  thresholds: {
    checks: ['rate>0.999'],
    http_req_failed: ['rate<0.01'],
  },
  summaryTrendStats: ['min', 'med', 'p(90)', 'p(99)', 'max', 'count'],
};

export default function () {
  const sender = senders[(__VU - 1) % senders.length];
  const recipient = spread ? senders[__VU % senders.length] : merchant;
  const response = move(sender, 'P2P', { amountMinor: '100', currency: 'EUR', recipient: recipient.handle });
  check(response, {
    'settled (202 COMPLETED)': (r) => r.status === 202 && r.json('status') === 'COMPLETED',
  });
}

export const handleSummary = summaryTo;
