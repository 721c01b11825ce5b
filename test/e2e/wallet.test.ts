/**
 * Goal: prove the wallet works for a person in a real browser. Headless Chromium drives the built
 * web app (`node web/build`) against the whole stack as separate processes (PostgreSQL, Temporal,
 * bank, worker, API): two people sign up through the forms, top up, send money and both see their
 * balances change; a withdrawal waits out a bank outage with its live status on screen and then
 * completes; a double-clicked submit makes exactly one transfer; an operator approves a large
 * transfer from the review page and the recipient is paid. The run ends with the ledger audit and
 * the bank reconciliation clean. Screenshots of the landing page, the dashboard and the admin page
 * go to test-results/e2e/.
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
import { ApiClient, setBankFaults, type TransferView } from '../support/api-client';

const SCREENSHOT_DIR = path.join(ROOT, 'test-results/e2e');
const SETUP_TIMEOUT_MS = 240_000;
const CASE_TIMEOUT_MS = 120_000;
/** How long the UI may take to show an outcome the workflows reach in well under a second. */
const UI_WAIT_MS = 30_000;
/** Actions (click, fill) on an element the page already shows. */
const ACTION_TIMEOUT_MS = 10_000;
const REVIEW_THRESHOLD_MINOR = 50_000n; // 500.00 EUR: the review case sends 600.00.
const IBAN = 'DE89370400440532013000';
const IBAN_WITH_SPACES = 'DE89 3704 0044 0532 0130 00';

const runId = randomUUID().slice(0, 6);
const adminEmail = `ops-${runId}@kizo.test`;

interface Person {
  page: Page;
  context: BrowserContext;
  email: string;
  handle: string;
  password: string;
}

describe.sequential('the wallet in a real browser', () => {
  let stack: ProcessStack;
  let db: Database;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  /** Uncaught exceptions in any page: a broken handler fails the run even if the screen looks fine. */
  const pageErrors: string[] = [];
  let alice: Person;
  let bob: Person;

  beforeAll(async () => {
    ensureWebBuild();
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    stack = await new ProcessStack({
      web: true,
      environment: {
        KIZO_ADMIN_EMAILS: adminEmail,
        REVIEW_THRESHOLD_MINOR: REVIEW_THRESHOLD_MINOR.toString(),
        // A short burst of retries, then a one-second durable pause: an outage of a few seconds
        // is waited out, and the withdrawal completes soon after the bank is back.
        BANK_RETRY_INITIAL_MS: '200',
        BANK_RETRY_MAX_INTERVAL_MS: '500',
        BANK_RETRY_MAX_ATTEMPTS: '2',
        BANK_OUTAGE_PAUSE_MS: '1000',
        BANK_TIMEOUT_MS: '2000',
        BANK_DEADLINE_MS: '120000',
      },
    }).start();
    db = createDatabase(stack.databaseUrl);
    browser = await launchChromium();
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await Promise.all(contexts.map((context) => context.close().catch(() => {})));
    await browser?.close();
    await db?.$disconnect();
    await stack?.stop();
  }, SETUP_TIMEOUT_MS);

  /** A fresh browser context (its own storage: one person per context). */
  async function newPage(): Promise<{ page: Page; context: BrowserContext }> {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 860 },
      baseURL: stack.webUrl,
    });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
    page.setDefaultTimeout(ACTION_TIMEOUT_MS);
    return { page, context };
  }

  /** Signs a person up through the form and waits for their wallet page. */
  async function signUp(name: string, email = `${name}-${runId}@example.test`): Promise<Person> {
    const { page, context } = await newPage();
    const handle = `${name}_${runId}`;
    const password = `correct horse ${runId} battery staple`;
    await page.goto('/signup');
    await page.getByTestId('signup-email').fill(email);
    await page.getByTestId('signup-handle').fill(handle);
    await page.getByTestId('signup-password').fill(password);
    await page.getByTestId('signup-submit').click();
    await page.waitForURL('**/dashboard', { timeout: UI_WAIT_MS });
    await expect
      .poll(() => textOf(page.getByTestId('current-user')), { timeout: UI_WAIT_MS })
      .toBe(`@${handle}`);
    await verifyEmailByMail(stack.apiUrl, email);
    return { page, context, email, handle, password };
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

  async function openForm(page: Page, form: 'transfer' | 'deposit' | 'withdraw'): Promise<void> {
    await page.getByTestId(`action-tab-${form}`).click();
    await expect.poll(() => page.getByTestId(`${form}-form`).isVisible()).toBe(true);
  }

  function availableText(page: Page): Promise<string | null> {
    return textOf(
      page.locator('[data-testid="balance"][data-currency="EUR"] [data-testid="balance-available"]'),
    );
  }

  function heldText(page: Page): Promise<string | null> {
    return textOf(page.locator('[data-testid="balance"][data-currency="EUR"] [data-testid="balance-held"]'));
  }

  /** The newest row of the transfers list (the list is newest first). */
  function newestRow(page: Page): Locator {
    return page.getByTestId('transfer-row').first();
  }

  async function rowStatus(page: Page, transferId: string): Promise<string | null> {
    return page
      .locator(`[data-testid="transfer-row"][data-transfer-id="${transferId}"]`)
      .getAttribute('data-status', { timeout: 1_000 })
      .catch(() => null);
  }

  async function topUp(person: Person, amount: string, shown = `€${amount}`): Promise<void> {
    await openForm(person.page, 'deposit');
    await person.page.getByTestId('deposit-amount').fill(amount);
    await person.page.getByTestId('deposit-submit').click();
    await expect
      .poll(() => textOf(person.page.getByTestId('deposit-success')), { timeout: UI_WAIT_MS })
      .toContain(shown);
  }

  /** Fills the send form, continues to the confirm step (the recipient looked up) and confirms. */
  async function send(person: Person, recipient: string, amount: string): Promise<void> {
    await openForm(person.page, 'transfer');
    await person.page.getByTestId('transfer-recipient').fill(recipient);
    await person.page.getByTestId('transfer-amount').fill(amount);
    await person.page.getByTestId('transfer-submit').click();
    await person.page.getByTestId('transfer-confirm').click({ timeout: UI_WAIT_MS });
    await expect
      .poll(() => textOf(person.page.getByTestId('transfer-success')), { timeout: UI_WAIT_MS })
      .toContain(`€${amount}`);
  }

  /** Reloads (the session survives in localStorage) and reads the EUR balance once it shows. */
  async function reloadedAvailable(person: Person, expected: string): Promise<void> {
    await person.page.reload();
    await expect.poll(() => availableText(person.page), { timeout: UI_WAIT_MS }).toBe(expected);
  }

  it(
    'shows the landing page and leads to sign-up',
    async () => {
      const { page } = await newPage();
      const response = await page.goto('/');
      expect(response?.status()).toBe(200);
      expect(await page.title()).toContain('Kizo');
      // The landing page's words are its own (test/e2e/pages.test.ts checks them); here it only leads on.
      expect((await textOf(page.locator('h1')))?.length).toBeGreaterThan(0);
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'landing.png'), fullPage: true });
      await page.getByTestId('landing-signup').click();
      await page.waitForURL('**/signup');
      expect(await page.getByTestId('signup-form').isVisible()).toBe(true);
    },
    CASE_TIMEOUT_MS,
  );

  it(
    'signs two people up, tops one up, and both balances change when she sends money',
    async () => {
      alice = await signUp('alice');
      bob = await signUp('bob');

      await topUp(alice, '200.00');
      // The deposit completes in the background; the live list refreshes the balance when it does.
      await expect.poll(() => availableText(alice.page), { timeout: UI_WAIT_MS }).toBe('€200.00');
      await expect
        .poll(() => newestRow(alice.page).getAttribute('data-status'), { timeout: UI_WAIT_MS })
        .toBe('COMPLETED');

      await send(alice, bob.handle, '25.50');
      await expect.poll(() => availableText(alice.page), { timeout: UI_WAIT_MS }).toBe('€174.50');
      await expect
        .poll(() => newestRow(alice.page).getAttribute('data-status'), { timeout: UI_WAIT_MS })
        .toBe('COMPLETED');
      await reloadedAvailable(bob, '€25.50');
      // Bob's recent transfers show it as money in, from Alice (not "To alice −€25.50").
      await expect
        .poll(() => textOf(newestRow(bob.page)), { timeout: UI_WAIT_MS })
        .toContain(`From ${alice.handle}`);
      expect(await textOf(newestRow(bob.page))).toContain('+€25.50');

      // The history shows the ledger lines behind the balance: top-up and payment.
      await alice.page.reload();
      await expect
        .poll(() => alice.page.getByTestId('history-row').count(), { timeout: UI_WAIT_MS })
        .toBeGreaterThanOrEqual(2);
      expect(await availableText(alice.page)).toBe('€174.50');
      await alice.page.screenshot({ path: path.join(SCREENSHOT_DIR, 'dashboard.png'), fullPage: true });
    },
    CASE_TIMEOUT_MS,
  );

  it(
    'withdraws while the bank is down: the hold and live status show, and it completes when the bank is back',
    async () => {
      const page = alice.page;
      await setBankFaults(stack.bankUrl, { outage: true });
      try {
        await openForm(page, 'withdraw');
        await page.getByTestId('withdraw-amount').fill('30.00');
        // The account she topped up from is chosen first: a known payee, paid without review.
        expect(await page.getByTestId('withdraw-bank-account').inputValue()).toMatch(/^kizo-linked-/);
        await page.getByTestId('withdraw-submit').click();
        await expect
          .poll(() => textOf(page.getByTestId('withdraw-success')), { timeout: UI_WAIT_MS })
          .toContain('€30.00');

        const row = newestRow(page);
        const transferId = await row.getAttribute('data-transfer-id');
        expect(transferId).toBeTruthy();
        // The funds are held at once, and the transfer says the bank is not answering while it is
        // down, and until when we keep trying (the API answers once the first workflow task, which
        // sends it, has ended; the outage shows after the first burst of retries).
        await expect.poll(() => heldText(page), { timeout: UI_WAIT_MS }).toBe('€30.00');
        await expect.poll(() => availableText(page), { timeout: UI_WAIT_MS }).toBe('€144.50');
        await expect.poll(() => rowStatus(page, transferId!), { timeout: UI_WAIT_MS }).toBe('SENT_TO_BANK');
        await expect
          .poll(() => textOf(row.getByTestId('transfer-status')), { timeout: UI_WAIT_MS })
          .toBe('Bank not answering');
        expect(await textOf(row.getByTestId('transfer-row-explanation'))).toMatch(
          /^The bank is not answering; we will keep trying until .+\. You can still cancel\.$/,
        );
        // Several retry rounds later it is still waiting, not failed: the outage is waited out.
        await page.waitForTimeout(3_000);
        expect(await rowStatus(page, transferId!)).toBe('SENT_TO_BANK');
        expect(await heldText(page)).toBe('€30.00');

        await setBankFaults(stack.bankUrl, {});
        await expect.poll(() => rowStatus(page, transferId!), { timeout: UI_WAIT_MS }).toBe('COMPLETED');
        await expect
          .poll(() => textOf(page.getByTestId('live-status')), { timeout: UI_WAIT_MS })
          .toBe('Withdrawal of €30.00 is now paid out.');
        await expect.poll(() => heldText(page), { timeout: UI_WAIT_MS }).toBe('€0.00');
        expect(await availableText(page)).toBe('€144.50');

        // The bank paid exactly once, the amount asked for.
        const payout = await createBankClient({ baseUrl: stack.bankUrl, timeoutMs: 5_000 }).getPayout(
          transferId!,
        );
        expect(payout?.status).toBe('ACCEPTED');
        expect(payout?.amountMinor).toBe(3_000n);
      } finally {
        await setBankFaults(stack.bankUrl, {});
      }
    },
    CASE_TIMEOUT_MS,
  );

  it(
    'links a bank account by IBAN, confirms its micro-deposits, tops up from it, shows what is left of the limit, and withdraws to it',
    async () => {
      const page = alice.page;
      await page.getByTestId('bank-link-iban').fill(IBAN_WITH_SPACES);
      await page.getByTestId('bank-link-holder').fill('Alice Example');
      await page.getByTestId('bank-link-label').fill('Savings');
      await page.getByTestId('bank-link-submit').click();
      await expect
        .poll(() => textOf(page.getByTestId('bank-link-success')), { timeout: UI_WAIT_MS })
        .toContain(IBAN_WITH_SPACES);
      const savings = page.locator(`[data-testid="bank-account-row"][data-account-ref="${IBAN}"]`);
      expect(await textOf(savings)).toContain('Savings');
      // Pending until she types back the two small amounts the bank shows on her account.
      expect(await savings.getAttribute('data-status')).toBe('PENDING_VERIFICATION');
      const credits = (await (await fetch(`${stack.bankUrl}/control/accounts/${IBAN}/credits`)).json()) as {
        credits: { kind: string; amountMinor: string }[];
      };
      const amounts = credits.credits
        .filter((credit) => credit.kind === 'VERIFICATION')
        .map((credit) => Number(credit.amountMinor));
      expect(amounts).toHaveLength(2);
      const euros = (cents: number) => `0.${String(cents).padStart(2, '0')}`;
      await savings.getByTestId('bank-confirm-first').fill(euros((amounts[0]! % 99) + 1));
      await savings.getByTestId('bank-confirm-second').fill(euros(amounts[1]!));
      await savings.getByTestId('bank-confirm-submit').click();
      await expect
        .poll(() => textOf(savings.getByTestId('bank-confirm-error')), { timeout: UI_WAIT_MS })
        .toContain('2 tries left');
      await savings.getByTestId('bank-confirm-first').fill(String(amounts[1]));
      await savings.getByTestId('bank-confirm-second').fill(euros(amounts[0]!));
      await savings.getByTestId('bank-confirm-submit').click();
      await expect.poll(() => savings.getAttribute('data-status'), { timeout: UI_WAIT_MS }).toBe('VERIFIED');
      expect(await textOf(savings.getByTestId('bank-account-status'))).toBe('Verified');

      await openForm(page, 'deposit');
      await page.getByTestId('deposit-bank-account').selectOption(IBAN);
      await expect
        .poll(() => textOf(page.getByTestId('deposit-form').getByTestId('limit-hint')))
        .toMatch(/Up to €[\d,.]+ now/);
      const before = await textOf(page.getByTestId('deposit-form').getByTestId('limit-hint'));
      await page.getByTestId('deposit-amount').fill('20.00');
      await page.getByTestId('deposit-submit').click();
      await expect
        .poll(() => textOf(page.getByTestId('deposit-success')), { timeout: UI_WAIT_MS })
        .toContain('€20.00');
      const deposit = newestRow(page);
      const depositId = await deposit.getAttribute('data-transfer-id');
      await expect.poll(() => rowStatus(page, depositId!), { timeout: UI_WAIT_MS }).toBe('COMPLETED');
      await expect
        .poll(() => textOf(page.getByTestId('deposit-form').getByTestId('limit-hint')), {
          timeout: UI_WAIT_MS,
        })
        .not.toBe(before);

      await openForm(page, 'withdraw');
      await page.getByTestId('withdraw-bank-account').selectOption(IBAN);
      await page.getByTestId('withdraw-amount').fill('5.00');
      await page.getByTestId('withdraw-submit').click();
      await expect
        .poll(() => textOf(page.getByTestId('withdraw-success')), { timeout: UI_WAIT_MS })
        .toContain('€5.00');
      const payout = newestRow(page);
      const payoutId = await payout.getAttribute('data-transfer-id');
      // She topped up from this account: it is a known payee, so the payout goes straight out.
      await expect.poll(() => rowStatus(page, payoutId!), { timeout: UI_WAIT_MS }).toBe('COMPLETED');
      const record = await createBankClient({ baseUrl: stack.bankUrl, timeoutMs: 5_000 }).getPayout(
        payoutId!,
      );
      expect([record?.status, record?.accountRef]).toEqual(['ACCEPTED', IBAN]);
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'bank-accounts.png'), fullPage: true });
    },
    CASE_TIMEOUT_MS,
  );

  it(
    'makes exactly one transfer per intent when the submit button is clicked twice',
    async () => {
      const page = alice.page;
      const aliceApi = await apiAs(alice);
      const bobApi = await apiAs(bob);
      const [aliceBefore, bobBefore] = [await aliceApi.availableMinor(), await bobApi.availableMinor()];
      const listedBefore = await listTransfers(aliceApi);

      await openForm(page, 'transfer');
      await page.getByTestId('transfer-recipient').fill(bob.email);
      // First a real double click (two mouse clicks, as a person makes them) on each step: on
      // "Continue" it shows the confirm step once, on "Confirm" it sends once.
      await page.getByTestId('transfer-amount').fill('7.25');
      await page.getByTestId('transfer-submit').dblclick();
      await page.getByTestId('transfer-confirm').dblclick({ timeout: UI_WAIT_MS });
      await expect
        .poll(() => textOf(page.getByTestId('transfer-success')), { timeout: UI_WAIT_MS })
        .toContain('€7.25');
      // Then the harshest double submit: two clicks in one task, before the page can re-render the
      // button as disabled, so only the form's own in-flight guard stands between them.
      await page.getByTestId('transfer-amount').fill('0.75');
      await page.getByTestId('transfer-submit').click();
      await page.getByTestId('transfer-confirm').evaluate((button: HTMLButtonElement) => {
        button.click();
        button.click();
      });
      await expect
        .poll(() => textOf(page.getByTestId('transfer-success')), { timeout: UI_WAIT_MS })
        .toContain('€0.75');

      await expect
        .poll(async () => (await aliceApi.availableMinor()).toString(), { timeout: UI_WAIT_MS })
        .toBe((aliceBefore - 800n).toString());
      await expect
        .poll(async () => (await bobApi.availableMinor()).toString(), { timeout: UI_WAIT_MS })
        .toBe((bobBefore + 800n).toString());
      const created = (await listTransfers(aliceApi)).filter(
        (transfer) => !listedBefore.some((old) => old.id === transfer.id),
      );
      expect(created.map((transfer) => `${transfer.kind} ${transfer.amountMinor}`).sort()).toEqual([
        'P2P 725',
        'P2P 75',
      ]);
      // The page lists each once, and the balance it shows agrees with the API.
      await page.reload();
      await expect.poll(() => availableText(page), { timeout: UI_WAIT_MS }).toBe('€151.50');
      for (const transfer of created) {
        await expect
          .poll(
            () => page.locator(`[data-testid="transfer-row"][data-transfer-id="${transfer.id}"]`).count(),
            { timeout: UI_WAIT_MS },
          )
          .toBe(1);
      }
      // A moment later still the same: no late duplicate from a second request.
      await page.waitForTimeout(1_000);
      expect((await listTransfers(aliceApi)).length).toBe(listedBefore.length + 2);
      expect((await aliceApi.availableMinor()).toString()).toBe((aliceBefore - 800n).toString());
    },
    CASE_TIMEOUT_MS,
  );

  it(
    'lets an admin approve a large transfer, and the recipient is paid',
    async () => {
      const admin = await signUp('ops', adminEmail);
      // The role came with verifying the email, after the page had loaded its user: load it again.
      await admin.page.reload();
      await admin.page.getByTestId('nav-admin').waitFor({ timeout: UI_WAIT_MS });
      expect(await admin.page.getByTestId('nav-admin').isVisible()).toBe(true);
      expect(await alice.page.getByTestId('nav-admin').count()).toBe(0);

      await topUp(alice, '1000.00', '€1,000.00');
      await expect.poll(() => availableText(alice.page), { timeout: UI_WAIT_MS }).toBe('€1,151.50');
      await send(alice, bob.handle, '600.00');
      const row = newestRow(alice.page);
      const transferId = await row.getAttribute('data-transfer-id');
      expect(transferId).toBeTruthy();
      await expect.poll(() => rowStatus(alice.page, transferId!), { timeout: UI_WAIT_MS }).toBe('IN_REVIEW');
      await expect.poll(() => heldText(alice.page), { timeout: UI_WAIT_MS }).toBe('€600.00');
      await reloadedAvailable(bob, '€33.50'); // Not paid while in review.

      await admin.page.getByTestId('nav-admin').click();
      await admin.page.getByRole('link', { name: 'Awaiting review' }).click();
      await admin.page.waitForURL('**/admin/review');
      const reviewRow = admin.page.locator(
        `[data-testid="admin-transfer-row"][data-transfer-id="${transferId}"]`,
      );
      await reviewRow.waitFor({ timeout: UI_WAIT_MS });
      expect(await reviewRow.getAttribute('data-status')).toBe('IN_REVIEW');
      expect(await textOf(reviewRow)).toContain(`@${alice.handle}`);
      await admin.page.screenshot({ path: path.join(SCREENSHOT_DIR, 'admin.png'), fullPage: true });

      // Approve asks first, naming what it lets through; Back changes nothing.
      await reviewRow.getByTestId('admin-approve').click();
      expect(await textOf(reviewRow.getByTestId('admin-confirmation'))).toContain(
        `Approve €600.00 from @${alice.handle} to @${bob.handle}?`,
      );
      await reviewRow.getByTestId('admin-approve-back').click();
      expect(await reviewRow.getByTestId('admin-confirmation').count()).toBe(0);
      expect(await reviewRow.getAttribute('data-status')).toBe('IN_REVIEW');
      await reviewRow.getByTestId('admin-approve').click();
      await reviewRow.getByTestId('admin-approve-confirm').click();
      await expect
        .poll(() => textOf(admin.page.getByTestId('admin-message')), { timeout: UI_WAIT_MS })
        .toContain('Approved');
      await expect.poll(() => rowStatus(alice.page, transferId!), { timeout: UI_WAIT_MS }).toBe('COMPLETED');
      await expect.poll(() => heldText(alice.page), { timeout: UI_WAIT_MS }).toBe('€0.00');
      expect(await availableText(alice.page)).toBe('€551.50');
      await reloadedAvailable(bob, '€633.50');
      // Once decided it leaves the review queue.
      await admin.page.reload();
      await admin.page.getByTestId('admin-review-list').waitFor({ timeout: UI_WAIT_MS });
      await expect
        .poll(
          () =>
            admin.page
              .locator(`[data-testid="admin-transfer-row"][data-transfer-id="${transferId}"]`)
              .count(),
          { timeout: UI_WAIT_MS },
        )
        .toBe(0);
    },
    CASE_TIMEOUT_MS,
  );

  it(
    'leaves every transfer final, the ledger audit clean, the bank reconciled and no page error',
    async () => {
      expect(pageErrors).toEqual([]);
      const transfers = await db.transfer.findMany();
      expect(transfers.length).toBe(9);
      await expectMoneyClean(db, stack.bankUrl);
    },
    CASE_TIMEOUT_MS,
  );
});

async function listTransfers(client: ApiClient): Promise<TransferView[]> {
  const answer = await client.request<{ items: TransferView[] }>('GET', '/v1/transfers?limit=100');
  expect(answer.status).toBe(200);
  return answer.body.items;
}
