/**
 * Goal: prove money between people works for a person in a real browser. Headless Chromium drives
 * the built web app (`node web/build`) against the whole stack as separate processes (PostgreSQL,
 * Temporal, bank, worker, API), as test/e2e/wallet.test.ts does:
 * - on a desktop screen (1440x900), Ada asks Bob for 12.50 with a note; Bob, funded by a top-up in
 *   the UI, sees the request and pays it through its confirm step; both see it Paid, Bob's balance
 *   drops by 12.50 and Ada's rises by as much, and the note shows on the transfer on both sides;
 * - a request declined, one cancelled, and a payment of a request cancelled meanwhile explained in
 *   words, with no money moved;
 * - the send form's confirm step names the recipient and shows the note before money moves, and an
 *   unknown recipient gets a clear message;
 * - on a phone screen (390x844, Berlin time), Ada schedules a monthly transfer to Bob on the
 *   schedules page; it shows with its next run at the wall-clock time she picked, pauses, resumes,
 *   changes amount and is deleted.
 * The run ends with every transfer final, the ledger audit and the bank reconciliation clean, and no
 * page error. Screenshots go to test-results/e2e/.
 */
import { ensureWebBuild, expectMoneyClean, launchChromium, ROOT, textOf, verifyEmailByMail } from './support';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Database } from '../../prisma/client';
import { ProcessStack } from '../../scripts/stack';
import { ApiClient } from '../support/api-client';

const SCREENSHOT_DIR = path.join(ROOT, 'test-results/e2e');
const SETUP_TIMEOUT_MS = 240_000;
const CASE_TIMEOUT_MS = 120_000;
/** How long the UI may take to show an outcome; the pages hear of changes on their live streams. */
const UI_WAIT_MS = 30_000;
/** Actions (click, fill) on an element the page already shows. */
const ACTION_TIMEOUT_MS = 10_000;
const DESKTOP = { viewport: { width: 1440, height: 900 } };
const PHONE = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 3,
  isMobile: true,
  hasTouch: true,
  // Not the machine's zone: a schedule must run at the wall-clock time picked where the person is.
  timezoneId: 'Europe/Berlin',
};
type Device = typeof DESKTOP | typeof PHONE;

const runId = randomUUID().slice(0, 6);

interface Person {
  page: Page;
  email: string;
  handle: string;
  displayName: string;
  password: string;
  /** "Ada Lovelace (@ada_1a2b3c)", as the app names people. */
  label: string;
}

describe.sequential('money between people in a real browser', () => {
  let stack: ProcessStack;
  let db: Database;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  /** Uncaught exceptions in any page: a broken handler fails the run even if the screen looks fine. */
  const pageErrors: string[] = [];
  let ada: Person;
  let bob: Person;
  let adaApi: ApiClient;
  let bobApi: ApiClient;

  beforeAll(async () => {
    ensureWebBuild();
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    stack = await new ProcessStack({ web: true }).start();
    db = createDatabase(stack.databaseUrl);
    browser = await launchChromium();
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await Promise.all(contexts.map((context) => context.close().catch(() => {})));
    await browser?.close();
    await db?.$disconnect();
    await stack?.stop();
  }, SETUP_TIMEOUT_MS);

  /** A fresh browser context (its own sessionStorage: one session per context). */
  async function newPage(device: Device): Promise<Page> {
    const context = await browser.newContext({ ...device, baseURL: stack.webUrl });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
    page.setDefaultTimeout(ACTION_TIMEOUT_MS);
    return page;
  }

  /** Signs a person up through the form, with the name others see, and waits for their wallet. */
  async function signUp(name: string, displayName: string): Promise<Person> {
    const page = await newPage(DESKTOP);
    const email = `${name}-${runId}@example.test`;
    const handle = `${name}_${runId}`;
    const password = `correct horse ${runId} battery staple`;
    await page.goto('/signup');
    await page.getByTestId('signup-email').fill(email);
    await page.getByTestId('signup-handle').fill(handle);
    await page.getByTestId('signup-display-name').fill(displayName);
    await page.getByTestId('signup-password').fill(password);
    await page.getByTestId('signup-submit').click();
    await page.waitForURL('**/dashboard', { timeout: UI_WAIT_MS });
    await expect
      .poll(() => textOf(page.getByTestId('current-user')), { timeout: UI_WAIT_MS })
      .toBe(`@${handle}`);
    await verifyEmailByMail(stack.apiUrl, email);
    return { page, email, handle, displayName, password, label: `${displayName} (@${handle})` };
  }

  /** The same person on another device, logged in through the form. */
  async function logIn(person: Person, device: Device): Promise<Page> {
    const page = await newPage(device);
    await page.goto('/login');
    await page.getByTestId('login-email').fill(person.email);
    await page.getByTestId('login-password').fill(person.password);
    await page.getByTestId('login-submit').click();
    await page.waitForURL('**/dashboard', { timeout: UI_WAIT_MS });
    return page;
  }

  /** The same person's API view, through a login of their own (the browser's token stays in the page). */
  async function apiAs(person: Person): Promise<ApiClient> {
    const client = new ApiClient(stack.apiUrl);
    const answer = await client.request<{ accessToken: string }>('POST', '/v1/auth/login', {
      email: person.email,
      password: person.password,
    });
    expect(answer.status).toBe(200);
    client.accessToken = answer.body.accessToken;
    return client;
  }

  async function openForm(page: Page, form: 'transfer' | 'deposit' | 'request'): Promise<void> {
    await page.getByTestId(`action-tab-${form}`).click();
    await expect.poll(() => page.getByTestId(`${form}-form`).isVisible()).toBe(true);
  }

  function availableText(page: Page): Promise<string | null> {
    return textOf(
      page.locator('[data-testid="balance"][data-currency="EUR"] [data-testid="balance-available"]'),
    );
  }

  function requestRow(page: Page, requestId: string): Locator {
    return page.locator(`[data-testid="request-row"][data-request-id="${requestId}"]`);
  }

  async function requestStatus(page: Page, requestId: string): Promise<string | null> {
    return requestRow(page, requestId)
      .getAttribute('data-status', { timeout: 1_000 })
      .catch(() => null);
  }

  /** Asks through the dashboard's Request form; answers the new request's id (the newest outgoing row). */
  async function askFor(requester: Person, payer: Person, amount: string, note: string): Promise<string> {
    const page = requester.page;
    await openForm(page, 'request');
    await page.getByTestId('request-payer').fill(payer.handle);
    await page.getByTestId('request-amount').fill(amount);
    await page.getByTestId('request-note').fill(note);
    await page.getByTestId('request-submit').click();
    await expect
      .poll(() => textOf(page.getByTestId('request-success')), { timeout: UI_WAIT_MS })
      .toBe(`Asked ${payer.label} for €${amount}.`);
    const row = page.getByTestId('requests-outgoing').getByTestId('request-row').first();
    await expect
      .poll(() => textOf(row.getByTestId('request-row-note')), { timeout: UI_WAIT_MS })
      .toBe(`Note: “${note}”`);
    const requestId = await row.getAttribute('data-request-id');
    expect(requestId).toBeTruthy();
    return requestId!;
  }

  /** Reloads the payer's wallet and waits for the request to be listed as asked of them. */
  async function seeIncoming(payer: Person, requestId: string): Promise<Locator> {
    await payer.page.reload();
    const row = payer.page
      .getByTestId('requests-incoming')
      .locator(`[data-testid="request-row"][data-request-id="${requestId}"]`);
    await row.waitFor({ timeout: UI_WAIT_MS });
    return row;
  }

  it(
    'asks for money with a note; the payer confirms and pays it; both see it paid and the money moved',
    async () => {
      ada = await signUp('ada', 'Ada Lovelace');
      bob = await signUp('bob', 'Bob Babbage');
      [adaApi, bobApi] = [await apiAs(ada), await apiAs(bob)];

      // Bob tops up through the UI and waits for the bank to confirm it.
      await openForm(bob.page, 'deposit');
      await bob.page.getByTestId('deposit-amount').fill('50.00');
      await bob.page.getByTestId('deposit-submit').click();
      await expect
        .poll(() => textOf(bob.page.getByTestId('deposit-success')), { timeout: UI_WAIT_MS })
        .toContain('€50.00');
      await expect.poll(() => availableText(bob.page), { timeout: UI_WAIT_MS }).toBe('€50.00');
      expect(await adaApi.availableMinor()).toBe(0n);

      const requestId = await askFor(ada, bob, '12.50', 'Theatre tickets');
      const asked = requestRow(ada.page, requestId);
      expect(await asked.getAttribute('data-direction')).toBe('outgoing');
      expect(await textOf(asked.getByTestId('request-summary'))).toBe(`You asked ${bob.label} for €12.50`);
      expect(await textOf(asked.getByTestId('request-status'))).toBe('Open');
      expect(await textOf(asked.getByTestId('request-expires'))).toMatch(/^Expires \S/);
      // The requester may cancel it, never pay it.
      expect(await asked.getByTestId('request-cancel').count()).toBe(1);
      expect(await asked.getByTestId('request-pay').count()).toBe(0);

      const incoming = await seeIncoming(bob, requestId);
      expect(await textOf(incoming.getByTestId('request-summary'))).toBe(`${ada.label} asks you for €12.50`);
      expect(await textOf(incoming.getByTestId('request-status'))).toBe('Open');
      expect(await textOf(incoming.getByTestId('request-row-note'))).toBe('Note: “Theatre tickets”');
      expect(await textOf(incoming.getByTestId('request-expires'))).toMatch(/^Expires \S/);

      // Pay opens the confirm step, naming the amount and the requester; Back moves nothing.
      await incoming.getByTestId('request-pay').click();
      const confirmation = incoming.getByTestId('request-pay-confirmation');
      expect(await textOf(confirmation)).toContain(`Pay €12.50 to ${ada.label}`);
      expect(await textOf(confirmation)).toContain('“Theatre tickets”');
      await incoming.getByTestId('request-pay-back').click();
      expect(await confirmation.count()).toBe(0);
      expect(await bobApi.availableMinor()).toBe(5_000n);

      await incoming.getByTestId('request-pay').click();
      await incoming.getByTestId('request-pay-confirm').click();
      await expect
        .poll(() => textOf(bob.page.getByTestId('requests-message')), { timeout: UI_WAIT_MS })
        .toBe(`Paying €12.50 to ${ada.label}.`);
      await expect.poll(() => requestStatus(bob.page, requestId), { timeout: UI_WAIT_MS }).toBe('PAID');
      expect(await textOf(incoming.getByTestId('request-status'))).toBe('Paid');
      expect(await incoming.getByTestId('request-pay').count()).toBe(0);
      await expect.poll(() => availableText(bob.page), { timeout: UI_WAIT_MS }).toBe('€37.50');

      // Ada's page notices on its own (no reload): the request is paid and the money is hers.
      await expect.poll(() => requestStatus(ada.page, requestId), { timeout: UI_WAIT_MS }).toBe('PAID');
      expect(await textOf(asked.getByTestId('request-status'))).toBe('Paid');
      await expect.poll(() => availableText(ada.page), { timeout: UI_WAIT_MS }).toBe('€12.50');
      expect(await adaApi.availableMinor()).toBe(1_250n);
      expect(await bobApi.availableMinor()).toBe(3_750n);

      // The note travels with the money: on both transfer lists and on the transfer's page.
      const paid = await adaApi.request<{ transferId: string | null; status: string }>(
        'GET',
        `/v1/payment-requests/${requestId}`,
      );
      expect(paid.body.status).toBe('PAID');
      const transferId = paid.body.transferId!;
      const transfer = await bobApi.transfer(transferId);
      expect(transfer).toMatchObject({
        status: 'COMPLETED',
        amountMinor: '1250',
        note: 'Theatre tickets',
        paymentRequestId: requestId,
      });
      for (const person of [bob, ada]) {
        const row = person.page.locator(`[data-testid="transfer-row"][data-transfer-id="${transferId}"]`);
        await expect
          .poll(() => textOf(row.getByTestId('transfer-row-note')), { timeout: UI_WAIT_MS })
          .toBe('Note: “Theatre tickets”');
      }
      await ada.page.screenshot({ path: path.join(SCREENSHOT_DIR, 'requests-desktop.png'), fullPage: true });
      await asked.getByRole('link', { name: 'View payment' }).click();
      await ada.page.waitForURL(`**/dashboard/transfers/${transferId}`);
      await expect
        .poll(() => ada.page.getByTestId('transfer-detail').getAttribute('data-status'), {
          timeout: UI_WAIT_MS,
        })
        .toBe('COMPLETED');
      expect(await textOf(ada.page.getByTestId('transfer-detail-note'))).toBe('Note: “Theatre tickets”');
      expect(await textOf(ada.page.getByTestId('transfer-detail'))).toContain('Paid a request you sent');
      await ada.page.goto('/dashboard');
    },
    CASE_TIMEOUT_MS,
  );

  it(
    'declines and cancels requests, and says in words why a request cancelled meanwhile cannot be paid',
    async () => {
      const bobBefore = await bobApi.availableMinor();

      const declinedId = await askFor(ada, bob, '3.00', 'Coffee');
      const declined = await seeIncoming(bob, declinedId);
      await declined.getByTestId('request-decline').click();
      await expect.poll(() => requestStatus(bob.page, declinedId), { timeout: UI_WAIT_MS }).toBe('DECLINED');
      expect(await textOf(declined.getByTestId('request-status'))).toBe('Declined');
      await expect.poll(() => requestStatus(ada.page, declinedId), { timeout: UI_WAIT_MS }).toBe('DECLINED');

      // Bob's page keeps showing the request as open while Ada cancels it (its request lists, and
      // the request itself when his live stream names it, answer as they did before, like a device
      // that has not heard of the change yet); his payment is then refused, in words, and moves nothing.
      const cancelledId = await askFor(ada, bob, '4.00', 'Parking');
      const frozen = new Map<string, string>();
      for (const direction of ['incoming', 'outgoing']) {
        const answer = await bobApi.request('GET', `/v1/payment-requests?direction=${direction}&limit=20`);
        expect(answer.status).toBe(200);
        frozen.set(direction, JSON.stringify(answer.body));
      }
      const frozenOne = await bobApi.request('GET', `/v1/payment-requests/${cancelledId}`);
      expect(frozenOne.status).toBe(200);
      await bob.page.route(
        (url) =>
          url.pathname === '/v1/payment-requests' || url.pathname === `/v1/payment-requests/${cancelledId}`,
        async (route) => {
          const url = new URL(route.request().url());
          const body =
            url.pathname === '/v1/payment-requests'
              ? frozen.get(url.searchParams.get('direction') ?? '')
              : JSON.stringify(frozenOne.body);
          // A CORS preflight, or anything but the two lists and the request, goes to the API as usual.
          if (route.request().method() !== 'GET' || body === undefined) return route.continue();
          // Playwright adds the CORS headers a cross-origin answer needs.
          return route.fulfill({ status: 200, contentType: 'application/json', body });
        },
      );
      const stale = await seeIncoming(bob, cancelledId);
      await requestRow(ada.page, cancelledId).getByTestId('request-cancel').click();
      await expect
        .poll(() => requestStatus(ada.page, cancelledId), { timeout: UI_WAIT_MS })
        .toBe('CANCELLED');
      expect(await textOf(requestRow(ada.page, cancelledId).getByTestId('request-status'))).toBe('Cancelled');
      await stale.getByTestId('request-pay').click();
      await stale.getByTestId('request-pay-confirm').click();
      await expect
        .poll(() => textOf(bob.page.getByTestId('requests-message')), { timeout: UI_WAIT_MS })
        .toBe('This request was already paid, declined, cancelled or has expired.');
      await bob.page.unrouteAll({ behavior: 'wait' });

      const cancelled = await seeIncoming(bob, cancelledId);
      expect(await textOf(cancelled.getByTestId('request-status'))).toBe('Cancelled');
      expect(await cancelled.getByTestId('request-pay').count()).toBe(0);
      expect(await bobApi.availableMinor()).toBe(bobBefore);
    },
    CASE_TIMEOUT_MS,
  );

  it(
    'sends only after a confirm step that names the recipient and shows the note; an unknown recipient is explained',
    async () => {
      const page = ada.page;
      await openForm(page, 'transfer');
      // Bob paid her: he is among her recent people, offered in the recipient field.
      await expect
        .poll(() => page.locator(`#transfer-contacts option[value="${bob.handle}"]`).count(), {
          timeout: UI_WAIT_MS,
        })
        .toBe(1);

      await page.getByTestId('transfer-recipient').fill(`nobody_${runId}`);
      await page.getByTestId('transfer-amount').fill('2.00');
      await page.getByTestId('transfer-submit').click();
      await expect
        .poll(() => textOf(page.getByTestId('transfer-error')), { timeout: UI_WAIT_MS })
        .toMatch(/^We could not find that recipient\./);
      expect(await page.getByTestId('transfer-confirmation').count()).toBe(0);

      await page.getByTestId('transfer-recipient').fill(`@${bob.handle}`);
      await page.getByTestId('transfer-note').fill('Half the programme');
      await page.getByTestId('transfer-submit').click();
      await expect
        .poll(() => textOf(page.getByTestId('transfer-confirm-summary')), { timeout: UI_WAIT_MS })
        .toBe(`Send €2.00 to ${bob.label}`);
      expect(await textOf(page.getByTestId('transfer-confirm-note'))).toBe('Note: “Half the programme”');
      // Back returns to the fields as they were; nothing moved.
      await page.getByTestId('transfer-back').click();
      expect(await page.getByTestId('transfer-amount').inputValue()).toBe('2.00');
      expect(await adaApi.availableMinor()).toBe(1_250n);

      await page.getByTestId('transfer-submit').click();
      await page.getByTestId('transfer-confirm').click({ timeout: UI_WAIT_MS });
      // "Sending", then "Sent" once it lands: the message follows the transfer live.
      await expect
        .poll(() => textOf(page.getByTestId('transfer-success')), { timeout: UI_WAIT_MS })
        .toMatch(new RegExp(`^(Sending|Sent) €2\\.00 to ${escape(bob.label)}\\.$`));
      const row = page.getByTestId('transfer-row').first();
      await expect.poll(() => row.getAttribute('data-status'), { timeout: UI_WAIT_MS }).toBe('COMPLETED');
      expect(await textOf(row.getByTestId('transfer-row-note'))).toBe('Note: “Half the programme”');
      await expect.poll(() => availableText(page), { timeout: UI_WAIT_MS }).toBe('€10.50');
      expect(await bobApi.availableMinor()).toBe(3_950n);
    },
    CASE_TIMEOUT_MS,
  );

  it(
    'schedules a monthly transfer on a phone, shows its next run, pauses, resumes, changes and deletes it',
    async () => {
      const page = await logIn(ada, PHONE);
      await page.getByTestId('nav-schedules').click();
      await page.waitForURL('**/schedules');
      await expect
        .poll(() => textOf(page.getByTestId('schedules-empty')), { timeout: UI_WAIT_MS })
        .toBe('No scheduled transfers yet.');
      expect(await textOf(page.getByTestId('schedule-time-zone'))).toBe('Europe/Berlin');

      // Three days from now or a little later at 09:30 on the phone's clock (Berlin): far enough not
      // to run during the test, and on a day every month has.
      const start = await page.evaluate(() => {
        const date = new Date();
        date.setDate(date.getDate() + 3);
        while (date.getDate() > 28) date.setDate(date.getDate() + 1);
        date.setHours(9, 30, 0, 0);
        const pad = (value: number) => String(value).padStart(2, '0');
        const input = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T09:30`;
        return { input, iso: date.toISOString(), day: date.getDate() };
      });
      await page.getByTestId('schedule-recipient').fill(bob.handle);
      await page.getByTestId('schedule-amount').fill('25.00');
      await page.getByTestId('schedule-note').fill('Rent share');
      await page.getByTestId('schedule-start').fill(start.input);
      await page.getByTestId('schedule-repeat').selectOption('monthly');
      await page.getByTestId('schedule-submit').click();
      const repeatInWords = `Every month on the ${ordinal(start.day)} at 09:30`;
      await expect
        .poll(() => textOf(page.getByTestId('schedule-success')), { timeout: UI_WAIT_MS })
        .toMatch(
          new RegExp(
            `^Scheduled €25\\.00 to ${escape(bob.label)} ${escape(repeatInWords.toLowerCase())}, first on `,
          ),
        );

      const row = page.getByTestId('schedule-row').first();
      const scheduleId = await row.getAttribute('data-schedule-id');
      expect(await textOf(row.getByTestId('schedule-recipient-name'))).toBe(bob.label);
      expect(await textOf(row.getByTestId('schedule-amount-text'))).toBe('€25.00');
      expect(await textOf(row.getByTestId('schedule-repeat-text'))).toBe(repeatInWords);
      expect(await textOf(row.getByTestId('schedule-status'))).toBe('Active');
      // The first run is the instant she picked, in her time zone.
      await expect.poll(() => nextRunMs(row), { timeout: UI_WAIT_MS }).toBe(Date.parse(start.iso));
      const created = await adaApi.request<{
        items: {
          id: string;
          repeat: string;
          timeZone: string;
          startAt: string;
          note: string;
          status: string;
        }[];
      }>('GET', '/v1/schedules');
      expect(created.body.items).toHaveLength(1);
      expect(created.body.items[0]).toMatchObject({
        id: scheduleId,
        repeat: 'monthly',
        timeZone: 'Europe/Berlin',
        note: 'Rent share',
        status: 'ACTIVE',
      });
      expect(Date.parse(created.body.items[0]!.startAt)).toBe(Date.parse(start.iso));
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'schedules-phone.png'), fullPage: true });

      await row.getByTestId('schedule-pause').click();
      await expect.poll(() => row.getAttribute('data-status'), { timeout: UI_WAIT_MS }).toBe('PAUSED');
      expect(await textOf(row.getByTestId('schedule-status'))).toBe('Paused');
      expect(await row.getByTestId('schedule-next-run').count()).toBe(0);
      expect(
        (await adaApi.request<{ status: string }>('GET', `/v1/schedules/${scheduleId}`)).body.status,
      ).toBe('PAUSED');

      await row.getByTestId('schedule-resume').click();
      await expect.poll(() => row.getAttribute('data-status'), { timeout: UI_WAIT_MS }).toBe('ACTIVE');
      expect(await textOf(row.getByTestId('schedule-status'))).toBe('Active');
      // The page reloads its list every 15 seconds, should Temporal name the next run a moment late.
      await expect.poll(() => nextRunMs(row), { timeout: UI_WAIT_MS }).toBe(Date.parse(start.iso));

      await row.getByTestId('schedule-edit-amount').click();
      expect(await row.getByTestId('schedule-amount-input').inputValue()).toBe('25.00');
      await row.getByTestId('schedule-amount-input').fill('30.00');
      await row.getByTestId('schedule-amount-save').click();
      await expect
        .poll(() => textOf(row.getByTestId('schedule-amount-text')), { timeout: UI_WAIT_MS })
        .toBe('€30.00');

      // Delete asks first; keeping it changes nothing.
      await row.getByTestId('schedule-delete').click();
      await row.getByTestId('schedule-delete-keep').click();
      expect(await page.getByTestId('schedule-row').count()).toBe(1);
      await row.getByTestId('schedule-delete').click();
      await row.getByTestId('schedule-delete-confirm').click();
      await expect.poll(() => page.getByTestId('schedule-row').count(), { timeout: UI_WAIT_MS }).toBe(0);
      expect(await textOf(page.getByTestId('schedules-empty'))).toBe('No scheduled transfers yet.');
      expect((await adaApi.request<{ items: unknown[] }>('GET', '/v1/schedules')).body.items).toEqual([]);
      await page.reload();
      await expect
        .poll(() => textOf(page.getByTestId('schedules-empty')), { timeout: UI_WAIT_MS })
        .toBe('No scheduled transfers yet.');
    },
    CASE_TIMEOUT_MS,
  );

  it(
    'leaves every transfer final, the ledger audit clean, the bank reconciled and no page error',
    async () => {
      expect(pageErrors).toEqual([]);
      const transfers = await db.transfer.findMany();
      // Bob's top-up, his payment of Ada's request and Ada's transfer: nothing else moved money.
      expect(transfers.map((transfer) => `${transfer.kind} ${transfer.amountMinor}`).sort()).toEqual([
        'DEPOSIT 5000',
        'P2P 1250',
        'P2P 200',
      ]);
      await expectMoneyClean(db, stack.bankUrl);
    },
    CASE_TIMEOUT_MS,
  );
});

/** The instant of a schedule row's next run, or null while it shows none. */
async function nextRunMs(row: Locator): Promise<number | null> {
  const datetime = await row
    .getByTestId('schedule-next-run')
    .getAttribute('datetime', { timeout: 1_000 })
    .catch(() => null);
  return datetime === null ? null : Date.parse(datetime);
}

/** 1 -> "1st", 22 -> "22nd", as the schedules page writes days of the month. */
function ordinal(day: number): string {
  const lastTwo = day % 100;
  if (lastTwo >= 11 && lastTwo <= 13) return `${day}th`;
  return `${day}${['th', 'st', 'nd', 'rd'][day % 10] ?? 'th'}`;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
