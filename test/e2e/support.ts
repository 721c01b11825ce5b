/**
 * What every browser test shares: the built web app, headless Chromium (Debian's, which
 * ./kizo test installs), reading an element's text without waiting long, and the closing check
 * that the money is where it should be (every transfer final, the ledger audit and the bank
 * reconciliation clean).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Locator } from 'playwright-core';
import { expect } from 'vitest';
import { createBankClient } from '../../bank-client/client';
import { FINAL_STATUSES } from '../../common/transfer-status';
import { auditLedger } from '../../ledger/audit';
import { reconcile } from '../../ledger/reconciliation';
import type { Database } from '../../prisma/client';
import { verificationTokenFor } from '../support/api-client';

export const ROOT = path.resolve(import.meta.dirname, '../..');

const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Builds the web app unless a build is there (./kizo test builds it before the tests). */
export function ensureWebBuild(): void {
  if (existsSync(path.join(ROOT, 'web/build/index.js'))) return;
  const build = spawnSync('npm', ['run', 'web:build'], { cwd: ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`npm run web:build failed:\n${build.stdout}\n${build.stderr}`);
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/** An element's trimmed text, or null while it is not on the page (never waits long). */
export async function textOf(locator: Locator): Promise<string | null> {
  const text = await locator
    .first()
    .textContent({ timeout: 1_000 })
    .catch(() => null);
  return text === null ? null : text.replace(/\s+/g, ' ').trim();
}

/**
 * Verifies a person's email as they would: the link mailed at sign-up, read from the test SMTP
 * server, its token posted to the API (what the web app's /verify-email page does).
 */
export async function verifyEmailByMail(apiUrl: string, email: string): Promise<void> {
  const token = await verificationTokenFor(email);
  const response = await fetch(`${apiUrl}/v1/auth/verify-email`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ token }),
  });
  expect(response.status, await response.clone().text()).toBe(200);
}

/** Every transfer final, the ledger audit clean and the bank reconciled with the ledger. */
export async function expectMoneyClean(db: Database, bankUrl: string): Promise<void> {
  const transfers = await db.transfer.findMany({ select: { id: true, status: true } });
  expect(
    transfers
      .filter((transfer) => !FINAL_STATUSES.has(transfer.status))
      .map((transfer) => `${transfer.id} ${transfer.status}`),
  ).toEqual([]);
  const audit = await auditLedger(db);
  expect(audit.checks.filter((check) => !check.ok)).toEqual([]);
  const reconciliation = await reconcile(db, createBankClient({ baseUrl: bankUrl, timeoutMs: 5_000 }));
  expect(reconciliation.mismatches).toEqual([]);
  expect(reconciliation.ok).toBe(true);
}
