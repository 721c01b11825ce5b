/**
 * What every Kizo k6 scenario shares: the users the bench seeded (their tokens and handles, from
 * the JSON file named by KIZO_USERS), the API replicas to spread requests over (KIZO_API_URLS),
 * and one money POST as a real client sends it, with a fresh or given Idempotency-Key.
 */
import http from 'k6/http';
import { sleep } from 'k6';
import { SharedArray } from 'k6/data';
import { Trend } from 'k6/metrics';

export const users = new SharedArray('users', () => JSON.parse(open(__ENV.KIZO_USERS)));
const apiUrls = (__ENV.KIZO_API_URLS || 'http://127.0.0.1:3000').split(',');

/** Accept latency per movement kind: the POST until the funds are held, settled or refused. */
export const acceptMs = {
  P2P: new Trend('kizo_accept_p2p', true),
  DEPOSIT: new Trend('kizo_accept_deposit', true),
  WITHDRAWAL: new Trend('kizo_accept_withdrawal', true),
};

const PATHS = { P2P: '/v1/transfers', DEPOSIT: '/v1/deposits', WITHDRAWAL: '/v1/withdrawals' };

/** The API replica for this request: round robin by iteration, so a killed one shows as errors. */
function apiUrl(attempt) {
  return apiUrls[(__ITER + __VU + attempt) % apiUrls.length];
}

/**
 * POSTs one movement as the web app does. A connection error or a 5xx is retried at once with
 * the same key on the next replica; a 409 (the key's first request still in flight, perhaps on
 * a replica that died) is retried after its Retry-After. The key makes every retry join the
 * first attempt, so none moves money twice.
 */
export function move(user, kind, body, key = crypto.randomUUID(), attemptsMax = 40) {
  let response;
  for (let attempt = 0; attempt < attemptsMax; attempt += 1) {
    response = http.post(`${apiUrl(attempt)}${PATHS[kind]}`, JSON.stringify(body), {
      headers: {
        Authorization: `Bearer ${user.accessToken}`,
        'Content-Type': 'application/json',
        'Idempotency-Key': key,
      },
      tags: { name: kind },
      timeout: '30s',
      // A refusal or an in-flight answer is an answer, not a failed request.
      responseCallback: http.expectedStatuses(202, 409, 422),
    });
    if (response.status === 409) sleep(Number(response.headers['Retry-After'] || 1));
    else if (response.status !== 0 && response.status < 500) break;
  }
  if (response.status === 202) acceptMs[kind].add(response.timings.duration);
  return response;
}

/** Today's mix of movements: 70% P2P to the next user, 15% deposits, 15% withdrawals. */
export function mixedMovement() {
  const index = Math.floor(Math.random() * users.length);
  const user = users[index];
  const roll = Math.random();
  if (roll < 0.7)
    return move(user, 'P2P', {
      amountMinor: '100',
      currency: 'EUR',
      recipient: users[(index + 1) % users.length].handle,
    });
  if (roll < 0.85) return move(user, 'DEPOSIT', { amountMinor: '500', currency: 'EUR' });
  return move(user, 'WITHDRAWAL', { amountMinor: '300', currency: 'EUR' });
}

/** The summary the bench reads: k6's own, as JSON, to the file it names. */
export function summaryTo(data) {
  return { [__ENV.KIZO_SUMMARY]: JSON.stringify(data), stdout: '' };
}
