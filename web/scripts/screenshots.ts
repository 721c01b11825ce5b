/**
 * Takes screenshots of the built web app in headless Chromium, with the API mocked in the browser
 * (Playwright request routing), so the pages can be looked at before the real API exists.
 * Also drives the main flows once: login, send money through its confirm step (checks the
 * Idempotency-Key is reused on a retry), live status updates, cancel, paying a request through its
 * confirm step, the schedules page (pause, change amount, delete), admin approve.
 *
 * Usage: serve the build (`WEB_PORT=5199 node web/build`), then
 *   npx tsx web/scripts/screenshots.ts http://127.0.0.1:5199
 * Screenshots land in test-results/web/ (gitignored).
 */
import { mkdirSync } from 'node:fs';
import { chromium, type Page, type Route } from 'playwright-core';

const WEB_URL = process.argv[2] ?? 'http://127.0.0.1:5199';
const API_URL = 'http://127.0.0.1:3000';
const OUT = 'test-results/web';

const now = new Date('2026-03-02T09:41:02Z').getTime();
const iso = (offsetSeconds: number) => new Date(now + offsetSeconds * 1000).toISOString();

function transfer(
  id: string,
  kind: string,
  status: string,
  amountMinor: string,
  counterparty: string | null,
  offset: number,
) {
  return {
    id,
    kind,
    status,
    amountMinor,
    currency: 'EUR',
    counterparty,
    failureReason: status === 'COMPENSATED' ? 'The bank refused the account: closed' : null,
    note: kind === 'P2P' ? 'Lunch at the corner place' : null,
    paymentRequestId: null,
    scheduleId: null,
    direction: 'sent',
    allowedActions: kind === 'WITHDRAWAL' && status === 'HELD' ? ['cancel'] : [],
    createdAt: iso(offset),
    updatedAt: iso(offset + 3),
    workflowId: `${kind.toLowerCase()}-u1-${id}`,
    events: [
      { status: 'PENDING', detail: 'Requested', createdAt: iso(offset) },
      { status: 'HELD', detail: 'Funds held', createdAt: iso(offset + 1) },
    ],
  };
}

const transfers = [
  transfer('t-withdraw', 'WITHDRAWAL', 'HELD', '25000', 'DE89 3704 0044 0532 0130 00', -60),
  transfer('t-p2p', 'P2P', 'COMPLETED', '1250', 'grace', -3600),
  transfer('t-fail', 'WITHDRAWAL', 'COMPENSATED', '5000', 'FR76 3000 6000 0112 3456 7890 189', -7200),
  transfer('t-deposit', 'DEPOSIT', 'COMPLETED', '150000', null, -86400),
];

const ledger = [
  {
    id: 'l1',
    transferId: 't-withdraw',
    kind: 'HOLD',
    description: 'Withdrawal to bank (held)',
    amountMinor: '-25000',
    balanceAfterMinor: '120450',
    createdAt: iso(-60),
  },
  {
    id: 'l2',
    transferId: 't-p2p',
    kind: 'P2P_OUT',
    description: 'Sent to @grace: lunch',
    amountMinor: '-1250',
    balanceAfterMinor: '145450',
    createdAt: iso(-3600),
  },
  {
    id: 'l3',
    transferId: 't-fail',
    kind: 'RELEASE',
    description: 'Withdrawal reversed: bank refused',
    amountMinor: '5000',
    balanceAfterMinor: '146700',
    createdAt: iso(-7000),
  },
  {
    id: 'l4',
    transferId: 't-fail',
    kind: 'HOLD',
    description: 'Withdrawal to bank (held)',
    amountMinor: '-5000',
    balanceAfterMinor: '141700',
    createdAt: iso(-7200),
  },
  {
    id: 'l5',
    transferId: 't-deposit',
    kind: 'DEPOSIT',
    description: 'Top-up from bank',
    amountMinor: '150000',
    balanceAfterMinor: '150000',
    createdAt: iso(-86400),
  },
];

const grace = { handle: 'grace', displayName: 'Grace Hopper' };
const me = { handle: 'ada', displayName: 'Ada Lovelace' };
const contacts = {
  saved: [{ handle: 'linus', displayName: null }],
  recent: [{ ...grace, lastTransferAt: iso(-3600) }],
};

function paymentRequest(
  id: string,
  direction: 'incoming' | 'outgoing',
  status: string,
  amountMinor: string,
  note: string | null,
) {
  const open = status === 'OPEN';
  return {
    id,
    status,
    direction,
    requester: direction === 'incoming' ? grace : me,
    payer: direction === 'incoming' ? me : grace,
    amountMinor,
    currency: 'EUR',
    note,
    transferId: status === 'PAID' ? 't-p2p' : null,
    expiresAt: iso(7 * 86400),
    createdAt: iso(-600),
    updatedAt: iso(-600),
    allowedActions: open ? (direction === 'incoming' ? ['pay', 'decline'] : ['cancel']) : [],
  };
}

const requests = [
  paymentRequest('r-in', 'incoming', 'OPEN', '1250', 'Theatre tickets'),
  paymentRequest('r-out', 'outgoing', 'OPEN', '3000', 'Half the taxi'),
  paymentRequest('r-old', 'outgoing', 'DECLINED', '900', null),
];

const schedules = [
  {
    id: 's-1',
    status: 'ACTIVE',
    pausedReason: null,
    recipient: grace,
    amountMinor: '2500',
    currency: 'EUR',
    note: 'Rent share',
    repeat: 'monthly',
    startAt: '2026-04-05T07:30:00.000Z',
    timeZone: 'Europe/Berlin',
    consecutiveRefusals: 0,
    nextRunsAt: ['2026-04-05T07:30:00.000Z', '2026-05-05T07:30:00.000Z'],
    temporalScheduleId: 'kizo-transfer-s-1',
    runs: [
      {
        runKey: '2026-03-05T08:30:00Z',
        outcome: 'COMPLETED',
        transferId: 't-p2p',
        failureReason: null,
        createdAt: iso(-86400),
      },
      {
        runKey: '2026-02-05T08:30:00Z',
        outcome: 'REFUSED',
        transferId: null,
        failureReason: 'Insufficient funds',
        createdAt: iso(-30 * 86400),
      },
    ],
    createdAt: iso(-60 * 86400),
  },
];

const seenKeys: string[] = [];
let postCount = 0;
const pollCount = new Map<string, number>();
let approved = false;
/** Session expiry simulation: 'once' answers one 401, 'always' answers 401 and refuses refreshes. */
let expiry: 'none' | 'once' | 'always' = 'none';
let refreshCount = 0;

const cors = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': 'authorization, content-type, idempotency-key',
  'access-control-allow-methods': 'GET, POST, PATCH, DELETE, OPTIONS',
  'access-control-expose-headers': 'idempotent-replayed',
};

async function json(route: Route, status: number, body: unknown, headers: Record<string, string> = {}) {
  await route.fulfill({
    status,
    headers: {
      ...cors,
      'content-type': status >= 400 ? 'application/problem+json' : 'application/json',
      ...headers,
    },
    body: JSON.stringify(body),
  });
}

const user = {
  id: 'u1',
  email: 'ada@example.com',
  handle: 'ada',
  displayName: 'Ada Lovelace',
  role: 'admin',
};
const tokens = {
  accessToken: 'access-1',
  refreshToken: 'refresh-1',
  accessTokenExpiresAt: new Date(Date.now() + 900_000).toISOString(),
};

async function api(route: Route) {
  const request = route.request();
  const url = new URL(request.url());
  const path = url.pathname;
  const method = request.method();
  if (method === 'OPTIONS') return route.fulfill({ status: 204, headers: cors });
  if (path === '/v1/auth/refresh') {
    refreshCount += 1;
    if (expiry === 'always') return json(route, 401, { title: 'Refresh token revoked', status: 401 });
    return json(route, 200, tokens);
  }
  if (expiry !== 'none' && !path.startsWith('/v1/auth/')) {
    if (expiry === 'once') expiry = 'none';
    return json(route, 401, { title: 'Unauthorized', status: 401 });
  }
  if (path === '/v1/auth/login' || path === '/v1/auth/signup')
    return json(route, path.endsWith('signup') ? 201 : 200, { user, ...tokens });
  if (path === '/v1/me') return json(route, 200, user);
  if (path === '/v1/wallets')
    return json(route, 200, { wallets: [{ currency: 'EUR', availableMinor: '120450', heldMinor: '25000' }] });
  if (path.startsWith('/v1/wallets/')) return json(route, 200, { items: ledger, nextCursor: 'next' });
  if (path === '/v1/transfers' && method === 'GET')
    return json(route, 200, { items: transfers, nextCursor: null });
  if (path === '/v1/transfers' && method === 'POST') {
    const key = request.headers()['idempotency-key'] ?? '';
    seenKeys.push(key);
    postCount += 1;
    // The first attempt fails like a dropped connection would; the retry must carry the same key.
    if (postCount === 1) return json(route, 503, { title: 'Service Unavailable', status: 503 });
    const created = transfer('t-new', 'P2P', 'HELD', '4200', 'grace', 0);
    transfers.unshift(created);
    return json(route, 202, created);
  }
  const one = /^\/v1\/transfers\/([^/]+)$/.exec(path);
  if (one) {
    const id = decodeURIComponent(one[1]!);
    const found = transfers.find((item) => item.id === id);
    if (!found) return json(route, 404, { title: 'Not found', status: 404 });
    const count = (pollCount.get(id) ?? 0) + 1;
    pollCount.set(id, count);
    if (id === 't-new' && count >= 2) {
      found.status = 'COMPLETED';
      found.events = [
        ...found.events.slice(0, 2),
        { status: 'COMPLETED', detail: 'Settled to @grace', createdAt: iso(2) },
      ];
    }
    return json(route, 200, found);
  }
  const cancel = /^\/v1\/withdrawals\/([^/]+)\/cancel$/.exec(path);
  if (cancel) {
    const found = transfers.find((item) => item.id === cancel[1])!;
    found.status = 'CANCELLED';
    return json(route, 202, found);
  }
  if (path === '/v1/contacts') return json(route, 200, contacts);
  if (path === '/v1/contacts/lookup') {
    const name = (url.searchParams.get('recipient') ?? '').replace(/^@/, '');
    if (name === 'grace') return json(route, 200, grace);
    return json(route, 404, {
      type: 'https://kizo.dev/problems/recipient-unknown',
      title: 'We could not find that recipient',
      status: 404,
    });
  }
  if (path === '/v1/payment-requests' && method === 'GET') {
    const direction = url.searchParams.get('direction');
    return json(route, 200, {
      items: requests.filter((item) => item.direction === direction),
      nextCursor: null,
    });
  }
  const requestAction = /^\/v1\/payment-requests\/([^/]+)\/(pay|decline|cancel)$/.exec(path);
  if (requestAction) {
    const found = requests.find((item) => item.id === requestAction[1])!;
    found.allowedActions = [];
    if (requestAction[2] === 'pay') {
      found.status = 'PAID';
      found.transferId = 't-p2p';
      return json(
        route,
        202,
        transfers.find((item) => item.id === 't-p2p'),
      );
    }
    found.status = requestAction[2] === 'decline' ? 'DECLINED' : 'CANCELLED';
    return json(route, 200, found);
  }
  if (path === '/v1/schedules' && method === 'GET') return json(route, 200, { items: schedules });
  const schedule = /^\/v1\/schedules\/([^/]+)(?:\/(pause|resume))?$/.exec(path);
  if (schedule) {
    const index = schedules.findIndex((item) => item.id === schedule[1]);
    const found = schedules[index]!;
    if (method === 'DELETE') {
      schedules.splice(index, 1);
      return route.fulfill({ status: 204, headers: cors });
    }
    if (schedule[2] === 'pause') Object.assign(found, { status: 'PAUSED', nextRunsAt: [] });
    if (schedule[2] === 'resume')
      Object.assign(found, { status: 'ACTIVE', nextRunsAt: ['2026-04-05T07:30:00.000Z'] });
    if (method === 'PATCH')
      found.amountMinor = (JSON.parse(request.postData() ?? '{}') as { amountMinor: string }).amountMinor;
    return json(route, 200, found);
  }
  if (path === '/v1/admin/transfers') {
    const review = {
      ...transfer('t-review', 'P2P', approved ? 'HELD' : 'IN_REVIEW', '2500000', 'linus', -30),
      userHandle: 'ada',
      temporalUiUrl: null,
    };
    const all = [review, ...transfers.map((item) => ({ ...item, userHandle: 'ada', temporalUiUrl: null }))];
    const status = url.searchParams.get('status');
    return json(route, 200, {
      items: status ? all.filter((item) => item.status === status) : all,
      nextCursor: null,
    });
  }
  if (path.endsWith('/approve')) {
    approved = true;
    return json(route, 202, {
      ...transfer('t-review', 'P2P', 'HELD', '2500000', 'linus', -30),
      userHandle: 'ada',
    });
  }
  if (path === '/v1/admin/ledger/audit') {
    return json(route, 200, {
      ok: true,
      checkedAt: iso(0),
      checks: [
        { name: 'Postings sum to zero per currency', ok: true, detail: '1,284 postings checked' },
        { name: 'No wallet below zero', ok: true, detail: null },
        { name: 'Holds match in-flight transfers', ok: true, detail: '3 open holds' },
      ],
    });
  }
  if (path === '/v1/admin/reconciliation') {
    return json(route, 200, {
      ok: false,
      checkedAt: iso(0),
      mismatches: [{ transferId: 't-x', ledgerMinor: '500', bankMinor: '0' }],
      counts: { transfers: 1284, bankPayments: 311 },
    });
  }
  return json(route, 404, { title: 'Not mocked', status: 404, detail: path });
}

async function shot(page: Page, name: string, fullPage = true) {
  await page.screenshot({ path: `${OUT}/${name}.png`, fullPage });
  console.log(`screenshot ${OUT}/${name}.png`);
}

function check(condition: unknown, message: string) {
  if (!condition) throw new Error(`check failed: ${message}`);
  console.log(`ok: ${message}`);
}

mkdirSync(OUT, { recursive: true });
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.route(`${API_URL}/**`, api);
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error('page error:', error.message));
  page.on('console', (message) => message.type() === 'error' && console.error('console:', message.text()));

  await page.goto(`${WEB_URL}/`);
  check((await page.title()).includes('Kizo'), 'landing has a title');
  check(await page.locator('meta[property="og:title"]').count(), 'landing has Open Graph tags');
  await shot(page, 'landing-desktop');

  const mobile = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await mobile.goto(`${WEB_URL}/`);
  await shot(mobile, 'landing-mobile');
  await shot(mobile, 'landing-mobile-top', false);
  await mobile.close();

  await page.getByTestId('landing-login').click();
  await page.getByTestId('login-email').fill('ada@example.com');
  await page.getByTestId('login-password').fill('correct horse battery staple');
  await shot(page, 'login', false);
  await page.getByTestId('login-submit').click();
  await page.waitForURL('**/dashboard');
  await page.getByTestId('balance-available').waitFor();
  check(
    (await page.getByTestId('balance-available').textContent())?.includes('€1,204.50'),
    'balance is formatted',
  );

  await page.getByTestId('transfer-recipient').fill('nobody');
  await page.getByTestId('transfer-amount').fill('42');
  await page.getByTestId('transfer-submit').click();
  await page.getByTestId('transfer-error').waitFor();
  check(
    (await page.getByTestId('transfer-error').textContent())?.startsWith('We could not find that recipient.'),
    'an unknown recipient is explained before anything moves',
  );
  await page.getByTestId('transfer-recipient').fill('@grace');
  await page.getByTestId('transfer-note').fill('Theatre tickets');
  await page.getByTestId('transfer-submit').click();
  await page.getByTestId('transfer-confirmation').waitFor();
  check(
    (await page.getByTestId('transfer-confirm-summary').textContent())?.replace(/\s+/g, ' ').trim() ===
      'Send €42.00 to Grace Hopper (@grace)',
    'the confirm step names the recipient',
  );
  await shot(page, 'dashboard-confirm', false);
  await page.getByTestId('transfer-confirm').dblclick();
  await page.getByTestId('transfer-error').waitFor();
  await shot(page, 'dashboard-retry-error', false);
  await page.getByTestId('transfer-confirm').click();
  await page.getByTestId('transfer-success').waitFor();
  check(seenKeys.length === 2, `two POSTs for a double click plus one retry (got ${seenKeys.length})`);
  check(seenKeys[0] && seenKeys[0] === seenKeys[1], 'the retry reused the Idempotency-Key');
  await page.locator('[data-transfer-id="t-new"][data-status="COMPLETED"]').waitFor({ timeout: 5000 });
  check(true, 'the new transfer turned COMPLETED by polling');
  check(
    (await page.getByTestId('live-status').textContent())?.includes('completed'),
    'the status change was announced',
  );
  check(
    (await page.getByTestId('transfer-row-note').first().textContent()) ===
      'Note: “Lunch at the corner place”',
    'a transfer shows its note',
  );
  await shot(page, 'dashboard');

  await page.locator('[data-transfer-id="t-withdraw"]').getByTestId('transfer-cancel').click();
  await page.locator('[data-transfer-id="t-withdraw"][data-status="CANCELLED"]').waitFor();
  check(true, 'cancel moved the withdrawal to CANCELLED');

  const incoming = page.locator('[data-testid="request-row"][data-request-id="r-in"]');
  await incoming.getByTestId('request-pay').click();
  await incoming.getByTestId('request-pay-confirmation').waitFor();
  await shot(page, 'dashboard-requests');
  await incoming.getByTestId('request-pay-confirm').click();
  await page.locator('[data-testid="request-row"][data-request-id="r-in"][data-status="PAID"]').waitFor();
  check(true, 'paying a request through its confirm step');
  await page.getByTestId('action-tab-request').click();
  await shot(page, 'dashboard-request-form', false);

  await page.getByTestId('nav-schedules').click();
  await page.getByTestId('schedules-list').waitFor();
  await shot(page, 'schedules');
  const row = page.getByTestId('schedule-row').first();
  await row.getByTestId('schedule-pause').click();
  await page.locator('[data-testid="schedule-row"][data-status="PAUSED"]').waitFor();
  await row.getByTestId('schedule-edit-amount').click();
  await row.getByTestId('schedule-amount-input').fill('30');
  await row.getByTestId('schedule-amount-save').click();
  await page.getByText('€30.00 to Grace Hopper (@grace)').first().waitFor();
  check(true, 'pause and change amount on the schedules page');
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, 'schedules-mobile');
  await page.setViewportSize({ width: 1280, height: 800 });
  await row.getByTestId('schedule-delete').click();
  await row.getByTestId('schedule-delete-confirm').click();
  await page.getByTestId('schedules-empty').waitFor();
  check(true, 'delete on the schedules page');

  await page.getByTestId('nav-admin').click();
  await page.getByTestId('admin-transfers').waitFor();
  await shot(page, 'admin-transfers');
  await page.getByRole('link', { name: 'Awaiting review' }).click();
  await page.getByTestId('admin-approve').click();
  await page.getByText('Approved transfer').waitFor();
  check(true, 'approve worked');
  await page.getByRole('link', { name: 'Ledger health' }).click();
  await page.getByTestId('admin-audit-status').waitFor();
  await page.getByTestId('admin-reconciliation-status').waitFor();
  await shot(page, 'admin-ledger');

  // A reload keeps the session through the refresh token in sessionStorage.
  await page.goto(`${WEB_URL}/dashboard/transfers/t-p2p`);
  await page.getByTestId('transfer-detail').waitFor();
  await shot(page, 'transfer-detail', false);
  check(true, 'a reload restored the session');

  // An expired access token is refreshed once and the request repeated.
  const refreshesBefore = refreshCount;
  expiry = 'once';
  await page.getByTestId('nav-dashboard').click();
  await page.getByTestId('balance-available').waitFor();
  check(refreshCount === refreshesBefore + 1, 'a 401 triggered exactly one refresh and the page loaded');

  // sessionStorage is per tab (see session.svelte.ts), so the same tab is narrowed for the phone view.
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, 'dashboard-mobile');
  await page.setViewportSize({ width: 1280, height: 800 });

  // A refused refresh ends the session: back to the login page, with a way back.
  expiry = 'always';
  await page.getByTestId('nav-admin').click();
  await page.waitForURL('**/login?next=*');
  check(true, 'a refused refresh sent the person to the login page');
} finally {
  await browser.close();
}
