/**
 * Takes screenshots of the built web app in headless Chromium, with the API mocked in the browser
 * (Playwright request routing), so the pages can be looked at before the real API exists.
 * Also drives the main flows once: login, send money (checks the Idempotency-Key is reused on a
 * retry), live status updates, cancel, admin approve.
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
  'access-control-allow-methods': 'GET, POST, OPTIONS',
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

const user = { id: 'u1', email: 'ada@example.com', handle: 'ada', role: 'admin' };
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
    return json(route, 202, { transfer: created });
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

  await page.getByTestId('transfer-recipient').fill('grace');
  await page.getByTestId('transfer-amount').fill('42');
  await page.getByTestId('transfer-submit').dblclick();
  await page.getByTestId('transfer-error').waitFor();
  await shot(page, 'dashboard-retry-error', false);
  await page.getByTestId('transfer-submit').click();
  await page.getByTestId('transfer-success').waitFor();
  check(seenKeys.length === 2, `two POSTs for a double click plus one retry (got ${seenKeys.length})`);
  check(seenKeys[0] && seenKeys[0] === seenKeys[1], 'the retry reused the Idempotency-Key');
  await page.locator('[data-transfer-id="t-new"][data-status="COMPLETED"]').waitFor({ timeout: 5000 });
  check(true, 'the new transfer turned COMPLETED by polling');
  check(
    (await page.getByTestId('live-status').textContent())?.includes('completed'),
    'the status change was announced',
  );
  await shot(page, 'dashboard');

  await page.locator('[data-transfer-id="t-withdraw"]').getByTestId('transfer-cancel').click();
  await page.locator('[data-transfer-id="t-withdraw"][data-status="CANCELLED"]').waitFor();
  check(true, 'cancel moved the withdrawal to CANCELLED');

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
