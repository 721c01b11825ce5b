/**
 * Open model: today's mix of movements arriving at a constant rate (KIZO_RATE per second for
 * KIZO_DURATION), whatever the system's answers take. The bench runs it at 25, 50 and 75% of
 * the capacity it measured in the same run, as the 10-minute soak, and across two API replicas.
 */
import { check } from 'k6';
import { mixedMovement, summaryTo } from './lib/kizo.js';

export const options = {
  scenarios: {
    mix: {
      executor: 'constant-arrival-rate',
      rate: Number(__ENV.KIZO_RATE || 5),
      timeUnit: '1s',
      duration: __ENV.KIZO_DURATION || '30s',
      preAllocatedVUs: Number(__ENV.KIZO_VUS || 100),
      maxVUs: Number(__ENV.KIZO_VUS_MAX || 400),
    },
  },
  thresholds: {
    // Every movement is accepted (funds held) or refused with a reason; none is lost to an error.
    checks: ['rate>0.999'],
    // Requests that got no answer (a replica killed in the scale-out run); each was retried.
    http_req_failed: [`rate<${__ENV.KIZO_MAX_FAILED_REQUESTS || 0.01}`],
    // A client gives up on a POST after 30 s; no accept may come near that.
    'http_req_duration{name:P2P}': ['p(99)<10000'],
  },
  summaryTrendStats: ['min', 'med', 'p(90)', 'p(99)', 'max', 'count'],
};

export default function () {
  const response = mixedMovement();
  check(response, { 'accepted (202)': (r) => r.status === 202 });
}

export const handleSummary = summaryTo;
