/**
 * Goal: prove, in a real browser, that the wallet updates live without polling and says what is
 * true (issue #20). Headless Chromium drives the built web app (`node web/build`) against the whole
 * stack as separate processes (PostgreSQL, Temporal, bank, worker, API), as wallet.test.ts does,
 * once on a desktop screen (1440x900, English) and once on a phone (390x844, German, Berlin time):
 * - a new person with €0 lands on Top up, and the empty lists offer the action to take;
 * - money sent to them arrives on screen without a reload: balance, recent list and history, read
 *   as received on both lists, announced, and with no polling request while nothing happens;
 * - an amount typed in the locale's own marks is accepted ("20,00" in German);
 * - a mistake is announced (role="alert") and focus moves to the field to fix; a handle already
 *   taken is said on the handle field (phone);
 * - the IBAN example the form shows is accepted by the form and linked, pending its micro-deposit
 *   confirmation, on both devices (an account another wallet linked may be linked too: whoever
 *   confirms it owns it), and "hello" is refused on its field;
 * - a withdrawal while the bank does not answer shows "The bank is not answering; we will keep
 *   trying until <time>. You can still cancel.", in the list and on its page opened in a new tab
 *   (the new tab keeps the session and hears the same live events), and its Cancel works;
 * - the review threshold is disclosed before sending, and a transfer waiting for review says
 *   "Waiting for review", never "Sending", until an operator's rejection turns it into a refusal.
 * The run ends with every transfer final, the ledger audit and the bank reconciliation clean, no
 * page wider than its screen and no page error. Screenshots go to test-results/e2e/.
 */
import { ensureWebBuild, expectMoneyClean, launchChromium, ROOT, textOf, verifyEmailByMail } from './support';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBankClient } from '../../bank-client/client';
import { createDatabase, type Database } from '../../prisma/client';
import { ProcessStack } from '../../scripts/stack';
import { ApiClient, setBankFaults } from '../support/api-client';

const SCREENSHOT_DIR = path.join(ROOT, 'test-results/e2e');
const SETUP_TIMEOUT_MS = 240_000;
const CASE_TIMEOUT_MS = 150_000;
/** How long the UI may take to show an outcome the workflows reach in well under a second. */
const UI_WAIT_MS = 30_000;
/** Actions (click, fill) on an element the page already shows. */
const ACTION_TIMEOUT_MS = 10_000;
/** Transfers at or above 50.00 wait for an operator's review. */
const REVIEW_THRESHOLD_MINOR = 5_000n;
const IBAN_EXAMPLE = 'DE89 3704 0044 0532 0130 00';

interface Device {
  name: 'desktop' | 'phone';
  options: Parameters<Browser['newContext']>[0];
  locale: string;
}

const DEVICES: Device[] = [
  { name: 'desktop', options: { viewport: { width: 1440, height: 900 }, locale: 'en-US' }, locale: 'en-US' },
  {
    name: 'phone',
    options: {
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: 'de-DE',
      timezoneId: 'Europe/Berlin',
    },
    locale: 'de-DE',
  },
];

const runId = randomUUID().slice(0, 6);
const adminEmail = `ops-${runId}@kizo.test`;

interface Person {
  page: Page;
  context: BrowserContext;
  email: string;
  handle: string;
  password: string;
  api: ApiClient;
}

/** Euros as the page shows them in `locale`: "€40.00" (en-US), "40,00 €" (de-DE), minus as U+2212. */
function euros(amount: string, locale: string, signed = false): string {
  const format = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: 'EUR',
    signDisplay: signed ? 'exceptZero' : 'auto',
  });
  return format
    .format(amount as unknown as number)
    .replace(/\s/g, ' ')
    .replace('-', '\u2212');
}

describe.sequential('live updates and words people trust, in a real browser', () => {
  let stack: ProcessStack;
  let db: Database;
  let browser: Browser;
  let adminApi: ApiClient;
  const contexts: BrowserContext[] = [];
  /** Uncaught exceptions in any page: a broken handler fails the run even if the screen looks fine. */
  const pageErrors: string[] = [];
  /** Pages wider than their screen, by name: none allowed (WCAG 1.4.10). */
  const tooWide: string[] = [];
  /** The desktop person's handle, which the phone run tries to take again. */
  let desktopHandle = '';

  beforeAll(async () => {
    ensureWebBuild();
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    stack = await new ProcessStack({
      web: true,
      environment: {
        KIZO_ADMIN_EMAILS: adminEmail,
        REVIEW_THRESHOLD_MINOR: REVIEW_THRESHOLD_MINOR.toString(),
        // A short burst of retries, then one-second durable pauses: a bank outage is noticed
        // (and shown) within a few seconds, and waited out for up to ten minutes.
        BANK_RETRY_INITIAL_MS: '200',
        BANK_RETRY_MAX_INTERVAL_MS: '500',
        BANK_RETRY_MAX_ATTEMPTS: '2',
        BANK_OUTAGE_PAUSE_MS: '1000',
        BANK_OUTAGE_PAUSE_MAX_MS: '2000',
        BANK_TIMEOUT_MS: '2000',
        BANK_DEADLINE_MS: '600000',
      },
    }).start();
    db = createDatabase(stack.databaseUrl);
    browser = await launchChromium();
    adminApi = new ApiClient(stack.apiUrl);
    const admin = await adminApi.request<{ accessToken: string }>('POST', '/v1/auth/signup', {
      email: adminEmail,
      handle: `ops_${runId}`,
      password: `correct horse ${runId} battery staple`,
    });
    expect(admin.status).toBe(201);
    adminApi.accessToken = admin.body.accessToken;
    // KIZO_ADMIN_EMAILS grants the role once the address is verified.
    await verifyEmailByMail(stack.apiUrl, adminEmail);
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await setBankFaults(stack.bankUrl, {}).catch(() => {});
    await Promise.all(contexts.map((context) => context.close().catch(() => {})));
    await browser?.close();
    await db?.$disconnect();
    await stack?.stop();
  }, SETUP_TIMEOUT_MS);

  async function newContext(device: Device): Promise<BrowserContext> {
    const context = await browser.newContext({ ...device.options, baseURL: stack.webUrl });
    contexts.push(context);
    return context;
  }

  async function newPage(context: BrowserContext): Promise<Page> {
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
    page.setDefaultTimeout(ACTION_TIMEOUT_MS);
    return page;
  }

  /** The person's API view through a login of their own (the browser's tokens stay in the page). */
  async function apiAs(email: string, password: string): Promise<ApiClient> {
    const client = new ApiClient(stack.apiUrl);
    const answer = await client.request<{ accessToken: string; user: { id: string; handle: string } }>(
      'POST',
      '/v1/auth/login',
      { email, password },
    );
    expect(answer.status).toBe(200);
    client.accessToken = answer.body.accessToken;
    client.userId = answer.body.user.id;
    client.handle = answer.body.user.handle;
    return client;
  }

  /** Takes a screenshot and notes the page if it is wider than its screen. */
  async function look(page: Page, device: Device, name: string): Promise<void> {
    const screen = device.options?.viewport?.width ?? 0;
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    if (wide > screen) tooWide.push(`${device.name} ${name}: ${wide} px on a ${screen} px screen`);
    await page.screenshot({
      path: path.join(SCREENSHOT_DIR, `live-${device.name}-${name}.png`),
      fullPage: true,
    });
  }

  function availableText(page: Page): Promise<string | null> {
    return textOf(
      page.locator('[data-testid="balance"][data-currency="EUR"] [data-testid="balance-available"]'),
    );
  }

  function heldText(page: Page): Promise<string | null> {
    return textOf(page.locator('[data-testid="balance"][data-currency="EUR"] [data-testid="balance-held"]'));
  }

  function row(page: Page, transferId: string): Locator {
    return page.locator(`[data-testid="transfer-row"][data-transfer-id="${transferId}"]`);
  }

  async function openForm(page: Page, form: 'transfer' | 'deposit' | 'withdraw'): Promise<void> {
    await page.getByTestId(`action-tab-${form}`).click();
    await expect.poll(() => page.getByTestId(`${form}-form`).isVisible()).toBe(true);
  }

  /** The id of the element that has focus. */
  function focused(page: Page): Promise<string | undefined> {
    return page.evaluate(() => document.activeElement?.id);
  }

  for (const device of DEVICES) {
    describe.sequential(`on a ${device.name}`, () => {
      let person: Person;
      let sender: ApiClient;
      const money = (amount: string, signed = false) => euros(amount, device.locale, signed);

      it(
        'signs a new person up (a taken handle said on its field, focus on it) and lands an empty wallet on Top up',
        async () => {
          const context = await newContext(device);
          const page = await newPage(context);
          const email = `${device.name}-${runId}@example.test`;
          const handle = `${device.name}_${runId}`;
          const password = `correct horse ${runId} battery staple`;
          await page.goto('/signup');
          await page.getByTestId('signup-email').fill(email);
          await page.getByTestId('signup-password').fill(password);
          if (desktopHandle) {
            // Someone already has this handle: the refusal lands on the handle field, announced, with focus.
            await page.getByTestId('signup-handle').fill(desktopHandle);
            await page.getByTestId('signup-submit').click();
            await expect
              .poll(() => textOf(page.getByTestId('field-error-handle')), { timeout: UI_WAIT_MS })
              .toBe('That handle is taken. Choose another one.');
            expect(await page.getByTestId('auth-error').getByRole('alert').count()).toBe(1);
            expect(await focused(page)).toBe('handle');
            expect(await page.getByTestId('signup-handle').getAttribute('aria-invalid')).toBe('true');
            await look(page, device, 'signup-taken');
          }
          // A password too short is caught before asking the API, in words.
          await page.getByTestId('signup-handle').fill(handle);
          await page.getByTestId('signup-password').fill('short');
          await page.getByTestId('signup-submit').click();
          await expect
            .poll(() => textOf(page.getByTestId('field-error-password')))
            .toBe('Use at least 10 characters.');
          expect(await focused(page)).toBe('password');
          expect(await textOf(page.getByTestId('auth-error'))).not.toMatch(/Too small|expected|>=/);
          await page.getByTestId('signup-password').fill(password);
          await page.getByTestId('signup-submit').click();
          await page.waitForURL('**/dashboard', { timeout: UI_WAIT_MS });
          await expect
            .poll(() => textOf(page.getByTestId('current-user')), { timeout: UI_WAIT_MS })
            .toBe(`@${handle}`);
          if (!desktopHandle) desktopHandle = handle;
          // The link mailed at sign-up, followed as its owner does (withdrawals below need it).
          await verifyEmailByMail(stack.apiUrl, email);

          await expect.poll(() => availableText(page), { timeout: UI_WAIT_MS }).toBe(money('0.00'));
          await expect
            .poll(() => page.getByTestId('action-tab-deposit').getAttribute('aria-selected'))
            .toBe('true');
          expect(await page.getByTestId('deposit-form').isVisible()).toBe(true);
          await expect
            .poll(() => page.getByTestId('transfers-empty').isVisible(), { timeout: UI_WAIT_MS })
            .toBe(true);
          expect(
            await page
              .getByTestId('transfers-empty')
              .getByRole('button', { name: 'Top up your wallet' })
              .count(),
          ).toBe(1);
          await expect
            .poll(() => page.getByTestId('history-empty').isVisible(), { timeout: UI_WAIT_MS })
            .toBe(true);
          // The requests section loads on its own; a CI run once checked it a moment too early.
          await expect
            .poll(() => page.getByTestId('requests-empty-action').isVisible(), { timeout: UI_WAIT_MS })
            .toBe(true);
          await look(page, device, 'empty-wallet');
          person = { page, context, email, handle, password, api: await apiAs(email, password) };

          // Someone who will pay them: funded through the API.
          sender = await new ApiClient(stack.apiUrl).signUp(`payer${device.name}`);
          const deposit = await sender.moveUntilAnswered('/v1/deposits', {
            amountMinor: '20000',
            currency: 'EUR',
          });
          expect(deposit.status).toBe(202);
          expect((await sender.waitFinal(deposit.body.id)).status).toBe('COMPLETED');
        },
        CASE_TIMEOUT_MS,
      );

      it(
        'shows money arriving without a reload or polling: balance, recent list and history, read as received',
        async () => {
          const page = person.page;
          // A reload would lose this mark; polling would show up as requests while nothing happens.
          await page.evaluate(() => ((window as unknown as { kizoMark: number }).kizoMark = 1));
          const idleRequests: string[] = [];
          const watch = (request: { url(): string }) => {
            const url = new URL(request.url());
            if (url.pathname.startsWith('/v1/') && url.pathname !== '/v1/events')
              idleRequests.push(url.pathname);
          };
          page.on('request', watch);
          await page.waitForTimeout(3_000);
          page.off('request', watch);
          expect(idleRequests).toEqual([]);

          const sent = await sender.moveUntilAnswered('/v1/transfers', {
            amountMinor: '4000',
            currency: 'EUR',
            recipient: person.handle,
            note: 'Concert tickets',
          });
          expect(sent.status).toBe(202);
          const transferId = sent.body.id;

          await expect.poll(() => availableText(page), { timeout: UI_WAIT_MS }).toBe(money('40.00'));
          const received = row(page, transferId);
          await received.waitFor({ timeout: UI_WAIT_MS });
          expect(await received.getAttribute('data-direction')).toBe('received');
          await expect
            .poll(() => received.getAttribute('data-status'), { timeout: UI_WAIT_MS })
            .toBe('COMPLETED');
          expect(await textOf(received.getByTestId('transfer-open'))).toBe('Payment received');
          expect(await textOf(received.getByTestId('transfer-row-party'))).toMatch(
            new RegExp(`^From ${sender.handle} · `),
          );
          expect(await textOf(received.getByTestId('transfer-row-amount'))).toBe(money('40.00', true));
          expect(await textOf(received.getByTestId('transfer-status'))).toBe('Received');
          expect(await textOf(received.getByTestId('transfer-row-note'))).toBe('Note: “Concert tickets”');
          await expect
            .poll(() => textOf(page.getByTestId('live-status')), { timeout: UI_WAIT_MS })
            .toBe(`Received ${money('40.00')} from @${sender.handle}.`);

          // The history shows the same payment as money in, from the sender.
          const line = page.locator(`[data-testid="history-row"][data-transfer-id="${transferId}"]`);
          await line.waitFor({ timeout: UI_WAIT_MS });
          expect(await textOf(line.getByTestId('history-row-amount'))).toBe(money('40.00', true));
          expect(await textOf(line)).toContain(`Payment from @${sender.handle}`);
          expect(await page.evaluate(() => (window as unknown as { kizoMark?: number }).kizoMark)).toBe(1);
          await look(page, device, 'money-received');
        },
        CASE_TIMEOUT_MS,
      );

      it(
        "accepts the locale's decimal mark, announces a mistake and moves focus to it",
        async () => {
          const page = person.page;
          await openForm(page, 'transfer');
          await page.getByTestId('transfer-recipient').fill(sender.handle);
          await page.getByTestId('transfer-amount').fill('12,3,4');
          await page.getByTestId('transfer-submit').click();
          await expect
            .poll(() => textOf(page.getByTestId('transfer-error')))
            .toBe('Some details are not right yet. Check the fields marked below.');
          expect(await page.getByTestId('transfer-error').getAttribute('role')).toBe('alert');
          expect(await focused(page)).toBe('transfer-amount');
          expect(await textOf(page.getByTestId('field-error-amountMinor'))).toMatch(
            /^Use digits and at most one decimal mark, for example 12[.,]50\.$/,
          );
          expect(await page.getByTestId('transfer-amount').getAttribute('aria-describedby')).toContain(
            'transfer-amount-error',
          );
          await look(page, device, 'amount-error');
          await page.getByTestId('transfer-amount').fill('');
          await page.getByTestId('transfer-recipient').fill('');

          // A top-up typed with the locale's marks ("20.00" or "20,00"); the balance follows live.
          await openForm(page, 'deposit');
          await page.getByTestId('deposit-amount').fill(device.locale === 'de-DE' ? '20,00' : '20.00');
          await page.getByTestId('deposit-submit').click();
          await expect
            .poll(() => textOf(page.getByTestId('deposit-success')), { timeout: UI_WAIT_MS })
            .toContain(money('20.00'));
          await expect.poll(() => availableText(page), { timeout: UI_WAIT_MS }).toBe(money('60.00'));
          await expect
            .poll(() => page.getByTestId('deposit-success').getAttribute('data-status'), {
              timeout: UI_WAIT_MS,
            })
            .toBe('COMPLETED');
          expect(await textOf(page.getByTestId('deposit-success'))).toBe(
            `${money('20.00')} added to your wallet.`,
          );
        },
        CASE_TIMEOUT_MS,
      );

      it(
        'accepts the IBAN example the form shows and refuses "hello" on its field',
        async () => {
          const page = person.page;
          await page.getByTestId('bank-link-iban').fill('hello');
          await page.getByTestId('bank-link-holder').fill('Pat Example');
          await page.getByTestId('bank-link-submit').click();
          await expect
            .poll(() => textOf(page.getByTestId('field-error-iban')))
            .toBe(`Enter a valid IBAN, such as ${IBAN_EXAMPLE}.`);
          expect(await focused(page)).toBe('bank-link-iban');
          expect(await page.getByTestId('bank-link-error').getAttribute('role')).toBe('alert');
          expect(await page.getByTestId('bank-link-iban').getAttribute('placeholder')).toBe(IBAN_EXAMPLE);

          await page.getByTestId('bank-link-iban').fill(IBAN_EXAMPLE);
          await page.getByTestId('bank-link-submit').click();
          // On both devices: an account another wallet linked can be linked too (whoever confirms
          // its micro-deposits owns it), so the phone person's link of the example is pending as well.
          await expect
            .poll(() => textOf(page.getByTestId('bank-link-success')), { timeout: UI_WAIT_MS })
            .toContain(IBAN_EXAMPLE);
          const row = page.locator(
            '[data-testid="bank-account-row"][data-account-ref="DE89370400440532013000"]',
          );
          expect(await row.count()).toBe(1);
          expect(await row.getAttribute('data-status')).toBe('PENDING_VERIFICATION');
          expect(await row.getByTestId('bank-confirm-form').count()).toBe(1);
          expect(await textOf(row.getByTestId('bank-account-status'))).toBe('Waiting for your confirmation');
          await look(page, device, 'bank-account-linked');
        },
        CASE_TIMEOUT_MS,
      );

      it(
        'shows a withdrawal during a bank outage as retrying, with a working Cancel, also in a new tab that keeps the session',
        async () => {
          const page = person.page;
          await setBankFaults(stack.bankUrl, { outage: true });
          try {
            await openForm(page, 'withdraw');
            // The demo account they topped up from: a known payee, paid out without review.
            expect(await page.getByTestId('withdraw-bank-account').inputValue()).toMatch(/^kizo-linked-/);
            await page.getByTestId('withdraw-amount').fill(device.locale === 'de-DE' ? '5,00' : '5.00');
            await page.getByTestId('withdraw-submit').click();
            await expect
              .poll(() => textOf(page.getByTestId('withdraw-success')), { timeout: UI_WAIT_MS })
              .toContain(money('5.00'));
            const transferId = await page
              .getByTestId('transfer-row')
              .first()
              .getAttribute('data-transfer-id');
            expect(transferId).toBeTruthy();
            const withdrawal = row(page, transferId!);

            const retrying =
              /^The bank is not answering; we will keep trying until .+\. You can still cancel\.$/;
            await expect
              .poll(() => withdrawal.getAttribute('data-bank-unavailable'), { timeout: UI_WAIT_MS })
              .toBe('true');
            expect(await textOf(withdrawal.getByTestId('transfer-status'))).toBe('Bank not answering');
            expect(await textOf(withdrawal.getByTestId('transfer-row-explanation'))).toMatch(retrying);
            expect(await withdrawal.getByTestId('transfer-cancel').isVisible()).toBe(true);
            await expect.poll(() => heldText(page), { timeout: UI_WAIT_MS }).toBe(money('5.00'));
            // The form's own message follows the transfer too.
            await expect
              .poll(() => textOf(page.getByTestId('withdraw-success')), { timeout: UI_WAIT_MS })
              .toMatch(/the bank is not answering; we will keep trying until/);
            await look(page, device, 'withdrawal-bank-down');

            // The transfer opened in a new tab: still signed in, the same words and a Cancel button.
            const tab = await newPage(person.context);
            await tab.goto(`/dashboard/transfers/${transferId}`);
            const detail = tab.getByTestId('transfer-detail');
            await detail.waitFor({ timeout: UI_WAIT_MS });
            expect(tab.url()).toContain(`/dashboard/transfers/${transferId}`);
            expect(await textOf(tab.getByTestId('current-user'))).toBe(`@${person.handle}`);
            expect(await textOf(tab.getByTestId('transfer-detail-status'))).toBe('Bank not answering');
            expect(await textOf(tab.getByTestId('transfer-detail-explanation'))).toMatch(retrying);
            expect(await tab.getByTestId('transfer-detail-cancel').isVisible()).toBe(true);
            await look(tab, device, 'transfer-new-tab');

            // Cancel in the first tab: the bank is asked to void the payout; once it answers, the
            // money is back, and both tabs hear it from their live streams.
            await withdrawal.getByTestId('transfer-cancel').click();
            await expect
              .poll(() => textOf(page.getByTestId('transfers-message')), { timeout: UI_WAIT_MS })
              .toMatch(/^Cancel/);
            await setBankFaults(stack.bankUrl, {});
            await expect
              .poll(() => withdrawal.getAttribute('data-status'), { timeout: UI_WAIT_MS })
              .toBe('CANCELLED');
            expect(await withdrawal.getByTestId('transfer-cancel').count()).toBe(0);
            expect(await textOf(withdrawal.getByTestId('transfer-status'))).toBe('Cancelled');
            await expect.poll(() => heldText(page), { timeout: UI_WAIT_MS }).toBe(money('0.00'));
            expect(await availableText(page)).toBe(money('60.00'));
            await expect
              .poll(() => detail.getAttribute('data-status'), { timeout: UI_WAIT_MS })
              .toBe('CANCELLED');
            expect(await tab.getByTestId('transfer-detail-cancel').count()).toBe(0);
            const payout = await createBankClient({ baseUrl: stack.bankUrl, timeoutMs: 5_000 }).getPayout(
              transferId!,
            );
            expect(payout?.status === undefined || payout.status !== 'ACCEPTED').toBe(true);

            // A reload of the new tab keeps the session too.
            await tab.reload();
            await detail.waitFor({ timeout: UI_WAIT_MS });
            expect(await detail.getAttribute('data-status')).toBe('CANCELLED');
            await tab.close();
          } finally {
            await setBankFaults(stack.bankUrl, {});
          }
        },
        CASE_TIMEOUT_MS,
      );

      it(
        'discloses the review threshold before sending and says "Waiting for review", never "Sending", while it waits',
        async () => {
          const page = person.page;
          await openForm(page, 'transfer');
          expect(await textOf(page.getByTestId('transfer-form').getByTestId('review-hint'))).toMatch(
            /wait for a review by our team before the money moves/,
          );
          await page.getByTestId('transfer-recipient').fill(sender.handle);
          await page.getByTestId('transfer-amount').fill(device.locale === 'de-DE' ? '50,00' : '50.00');
          await page.getByTestId('transfer-submit').click();
          await page.getByTestId('transfer-confirm').waitFor({ timeout: UI_WAIT_MS });
          await page.getByTestId('transfer-confirm').click();
          const success = page.getByTestId('transfer-success');
          await expect
            .poll(() => success.getAttribute('data-status'), { timeout: UI_WAIT_MS })
            .toBe('IN_REVIEW');
          expect(await textOf(success)).toMatch(
            new RegExp(
              `^Waiting for review: ${escape(money('50.00'))} to @${sender.handle} is set aside until our team approves it\\.$`,
            ),
          );
          expect(await textOf(success)).not.toMatch(/Sending/);
          const transferId = await page.getByTestId('transfer-row').first().getAttribute('data-transfer-id');
          const waiting = row(page, transferId!);
          expect(await textOf(waiting.getByTestId('transfer-status'))).toBe('Waiting for review');
          // The balances reload a moment after the status event (bursts of events are coalesced).
          await expect.poll(() => heldText(page), { timeout: UI_WAIT_MS }).toBe(money('50.00'));
          await look(page, device, 'waiting-for-review');

          // An operator rejects it: the form's message and the row turn into the refusal, live.
          const rejected = await adminApi.request('POST', `/v1/admin/transfers/${transferId}/reject`, {
            reason: 'not this time',
          });
          expect(rejected.status).toBe(202);
          await expect
            .poll(() => success.getAttribute('data-status'), { timeout: UI_WAIT_MS })
            .toMatch(/^(FAILED|CANCELLED)$/);
          expect(await textOf(success)).not.toMatch(/Sending|Waiting/);
          await expect.poll(() => heldText(page), { timeout: UI_WAIT_MS }).toBe(money('0.00'));
          expect(await availableText(page)).toBe(money('60.00'));
          // People are named by handle, never by id.
          expect(await textOf(waiting)).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
        },
        CASE_TIMEOUT_MS,
      );
    });
  }

  it(
    'leaves every transfer final, the ledger audit clean, the bank reconciled, no page too wide and no page error',
    async () => {
      expect(pageErrors).toEqual([]);
      expect(tooWide).toEqual([]);
      await expectMoneyClean(db, stack.bankUrl);
    },
    CASE_TIMEOUT_MS,
  );
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
