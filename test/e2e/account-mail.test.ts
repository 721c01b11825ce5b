/**
 * Goal: the mails about an account work end to end in a real browser against the real stack.
 * A person signs up through the form and sees the banner asking to confirm their email; the link
 * read from the mail (the run's SMTP server) confirms it and the banner goes. Then they forget
 * their password: "Forgot your password?", the mailed link, a new password, every device signed
 * out, and a login with the new one. No page error; no money moved, so the ledger and the bank
 * stay clean.
 */
import { randomUUID } from 'node:crypto';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Database } from '../../prisma/client';
import { ProcessStack } from '../../scripts/stack';
import { MAIL_INBOX_ENV, type ReceivedMail } from '../support/mail-server';
import { ensureWebBuild, expectMoneyClean, launchChromium, textOf } from './support';

const SETUP_TIMEOUT_MS = 240_000;
const CASE_TIMEOUT_MS = 120_000;
const UI_WAIT_MS = 30_000;
const ACTION_TIMEOUT_MS = 10_000;
const runId = randomUUID().slice(0, 6);

/** The newest mail to `email` whose subject matches, with its link to `path`. */
async function mailedLink(email: string, subject: RegExp, path: string): Promise<string> {
  const deadline = Date.now() + UI_WAIT_MS;
  for (;;) {
    const response = await fetch(`${process.env[MAIL_INBOX_ENV]}/?to=${encodeURIComponent(email)}`);
    const mail = ((await response.json()) as ReceivedMail[])
      .filter((each) => subject.test(each.subject))
      .at(-1);
    const link = mail?.text.match(/https?:\/\/\S+/g)?.find((url) => new URL(url).pathname === path);
    if (link) return link;
    if (Date.now() > deadline) throw new Error(`no mail to ${email} with a ${path} link`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe.sequential('account mails in a real browser', () => {
  let stack: ProcessStack;
  let db: Database;
  let browser: Browser;
  const pageErrors: string[] = [];
  const email = `mia-${runId}@example.test`;
  const handle = `mia_${runId}`;
  const password = `correct horse ${runId} battery staple`;
  const newPassword = `another horse ${runId} battery staple`;
  let page: Page;

  beforeAll(async () => {
    ensureWebBuild();
    stack = await new ProcessStack({ web: true }).start();
    db = createDatabase(stack.databaseUrl);
    browser = await launchChromium();
    const context = await browser.newContext({
      viewport: { width: 1280, height: 860 },
      baseURL: stack.webUrl,
    });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
    page.setDefaultTimeout(ACTION_TIMEOUT_MS);
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
    await db?.$disconnect();
    await stack?.stop();
  }, SETUP_TIMEOUT_MS);

  it(
    'signs up, shows the banner, and confirms the email through the mailed link',
    async () => {
      await page.goto('/signup');
      await page.getByTestId('signup-email').fill(email);
      await page.getByTestId('signup-handle').fill(handle);
      await page.getByTestId('signup-password').fill(password);
      await page.getByTestId('signup-submit').click();
      await page.waitForURL('**/dashboard', { timeout: UI_WAIT_MS });
      await page.getByTestId('verify-banner').waitFor({ timeout: UI_WAIT_MS });
      expect(await textOf(page.getByTestId('verify-banner'))).toContain(email);

      const link = await mailedLink(email, /Confirm your email/, '/verify-email');
      expect(new URL(link).origin).toBe(stack.webUrl);
      await page.goto(link);
      await page.locator('[data-testid="verify-result"][data-state="done"]').waitFor({ timeout: UI_WAIT_MS });
      expect(await textOf(page.getByTestId('verify-result'))).toContain(`${email} is confirmed`);

      // The same link a second time says it was used.
      await page.goto(link);
      await page
        .locator('[data-testid="verify-result"][data-state="failed"]')
        .waitFor({ timeout: UI_WAIT_MS });
      expect(await textOf(page.getByTestId('verify-result'))).toMatch(/used already/);

      await page.goto('/dashboard');
      await page.getByTestId('balance').waitFor({ timeout: UI_WAIT_MS });
      expect(await page.getByTestId('verify-banner').count()).toBe(0);
      const row = await db.user.findUniqueOrThrow({ where: { email } });
      expect(row.emailVerifiedAt).not.toBeNull();
    },
    CASE_TIMEOUT_MS,
  );

  it(
    'resets a forgotten password through the mailed link and logs in with the new one',
    async () => {
      await page.getByTestId('nav-logout').click();
      await page.goto('/login');
      await page.getByTestId('forgot-password').click();
      await page.waitForURL('**/reset-password');
      await page.getByTestId('reset-email').fill(email);
      await page.getByTestId('reset-submit').click();
      await page.getByTestId('reset-result').getByRole('status').waitFor({ timeout: UI_WAIT_MS });

      await page.goto(await mailedLink(email, /Reset your Kizo password/, '/reset-password'));
      await page.getByTestId('reset-password').fill(newPassword);
      await page.getByTestId('reset-submit').click();
      await page.getByTestId('reset-result').getByRole('status').waitFor({ timeout: UI_WAIT_MS });
      expect(await textOf(page.getByTestId('reset-result'))).toMatch(/every device was signed out/);

      await page.goto('/login');
      await page.getByTestId('login-email').fill(email);
      await page.getByTestId('login-password').fill(password);
      await page.getByTestId('login-submit').click();
      await page.getByTestId('auth-error').getByRole('alert').waitFor({ timeout: UI_WAIT_MS });
      await page.getByTestId('login-password').fill(newPassword);
      await page.getByTestId('login-submit').click();
      await page.waitForURL('**/dashboard', { timeout: UI_WAIT_MS });
      await mailedLink(email, /password was reset/, '/support');
      expect(pageErrors).toEqual([]);
      await expectMoneyClean(db, stack.bankUrl);
    },
    CASE_TIMEOUT_MS,
  );
});
