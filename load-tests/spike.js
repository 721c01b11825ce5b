/**
 * A spike: the mix arriving at KIZO_RATE (a quarter of capacity) jumps to six times that (150%
 * of capacity) for KIZO_SPIKE, then falls back. What matters is that nothing is lost and the
 * system drains the backlog afterwards; accept latency during the spike is reported, not bound.
 */
import { check } from 'k6';
import { mixedMovement, summaryTo } from './lib/kizo.js';

const base = Number(__ENV.KIZO_RATE || 4);
const spike = __ENV.KIZO_SPIKE || '20s';

export const options = {
  scenarios: {
    spike: {
      executor: 'ramping-arrival-rate',
      startRate: base,
      timeUnit: '1s',
      preAllocatedVUs: 200,
      maxVUs: 800,
      stages: [
        { target: base, duration: '15s' },
        { target: base * 6, duration: '2s' },
        { target: base * 6, duration: spike },
        { target: base, duration: '2s' },
        { target: base, duration: '30s' },
      ],
    },
  },
  thresholds: {
    checks: ['rate>0.999'],
    http_req_failed: ['rate<0.01'],
  },
  summaryTrendStats: ['min', 'med', 'p(90)', 'p(99)', 'max', 'count'],
};

export default function () {
  check(mixedMovement(), { 'accepted (202)': (r) => r.status === 202 });
}

export const handleSummary = summaryTo;
