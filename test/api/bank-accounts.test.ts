/**
 * Goal: money moves only to and from accounts their user holds and proved. Over HTTP against the
 * real app and a real bank: a user links an IBAN written with spaces (the bank checks the holder
 * and sends two micro-deposits), reads them as the holder would (the bank's development endpoint),
 * confirms them, and only then deposits from it and withdraws to it (the first payout to it waits
 * for an admin); wrong amounts three times void the link, and concurrent tries are counted one by
 * one; a squatter who linked an IBAN first collects nothing, and its proven owner claims it (the
 * squatter's link is voided); holder-name checks are throttled per user and per IBAN (429 with
 * Retry-After). A malformed IBAN is a readable 400; a holder the bank does not recognise and a
 * closed account are 422s. Limits are shown and enforced; a recipient sees only money that
 * reached them. Balances never change on a refusal; the ledger audit and the bank
 * reconciliation are clean after each test.
 */
import { randomInt } from 'node:crypto';
import { composeIBAN, friendlyFormatIBAN } from 'ibantools';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { startBank, type RunningBank } from '../../bank/server';
import { reviewUpdate } from '../../workflows/definitions';
import {
  availableMinor,
  connectServices,
  createAdmin,
  eventually,
  expectLedgerAuditClean,
  expectReconciliationClean,
  fundWallet,
  linkBankAccount,
  sharedBankClient,
  type TestServices,
} from '../support/fixtures';
import {
  bearer,
  createTestApp,
  get,
  postJson,
  postMoney,
  problemOf,
  problemType,
  signUpVerified,
  type SignedUp,
  type TestApp,
} from './support';

/** A valid German IBAN nobody else in this run has. */
function freshIban(): string {
  const digits = (count: number) => Array.from({ length: count }, () => randomInt(10)).join('');
  return composeIBAN({ countryCode: 'DE', bban: digits(18) })!;
}

interface Account {
  id: string;
  accountRef: string;
  display: string;
  holderName: string;
  status: 'PENDING_VERIFICATION' | 'VERIFIED' | 'VOID';
  verified: boolean;
  confirmTriesLeft: number;
  voidReason: string | null;
}

interface Credit {
  kind: 'VERIFICATION' | 'PAYOUT';
  id: string;
  amountMinor: string;
  currency: string;
}

interface TransferBody {
  id: string;
  status: string;
  direction: string;
  workflowId: string | null;
  events: { status: string; detail: string | null }[];
}

describe('bank accounts, limits and privacy over HTTP', () => {
  let services: TestServices;
  let app: TestApp;
  /** The API's own bank front door (holder checks, micro-deposits), so this file can set who holds what. */
  let checks: RunningBank;

  beforeAll(async () => {
    services = await connectServices();
    // On the store of the bank the worker and the reconciliation use: one book, micro-deposits included.
    checks = await startBank({ port: 0, databaseUrl: inject('walletBankDatabaseUrl'), controls: true });
    app = createTestApp(services, { BANK_URL: checks.url });
  });
  afterEach(async () => {
    await expectLedgerAuditClean(services.db);
    await expectReconciliationClean(services.db);
  });
  afterAll(async () => {
    await checks?.stop();
    await services?.close();
  });

  const link = (user: SignedUp, body: Record<string, unknown>, on: TestApp = app) =>
    postJson(on, '/v1/bank-accounts', body, bearer(user));
  const confirm = (user: SignedUp, ref: string, amountsMinor: string[]) =>
    postJson(app, `/v1/bank-accounts/${ref}/confirm`, { amountsMinor }, bearer(user));
  const accountOf = async (user: SignedUp, ref: string) =>
    (await (await get(app, `/v1/bank-accounts/${ref}`, user)).json()) as Account;
  const transferOf = async (user: SignedUp, id: string) =>
    (await (await get(app, `/v1/transfers/${id}`, user)).json()) as TransferBody;
  /** What the holder sees arrive in the account: the bank's development endpoint. */
  async function creditsTo(ref: string): Promise<Credit[]> {
    const response = await fetch(`${checks.url}/control/accounts/${ref}/credits`);
    expect(response.status).toBe(200);
    return ((await response.json()) as { credits: Credit[] }).credits;
  }
  /** The micro-deposits of one link, as its holder reads them on the statement. */
  async function microDepositsOf(account: Account): Promise<string[]> {
    const credits = (await creditsTo(account.accountRef)).filter(
      (credit) => credit.kind === 'VERIFICATION' && credit.id === account.id,
    );
    expect(credits).toHaveLength(2);
    for (const credit of credits) {
      expect(credit.currency).toBe('EUR');
      expect(Number(credit.amountMinor)).toBeGreaterThanOrEqual(1);
      expect(Number(credit.amountMinor)).toBeLessThanOrEqual(99);
    }
    return credits.map((credit) => credit.amountMinor);
  }
  /** Amounts that are surely not the link's: each real one moved by one cent. */
  const wrongAmounts = (right: string[]) =>
    right.map((amount, index) => String(index === 0 ? (Number(amount) % 99) + 1 : Number(amount)));
  /** Links `iban` and confirms its micro-deposits, as its holder does; returns the VERIFIED link. */
  async function linkProven(user: SignedUp, iban: string, holderName = 'Test Holder'): Promise<Account> {
    const created = await link(user, { iban, holderName });
    expect(created.status).toBe(201);
    const pending = (await created.json()) as Account;
    const confirmed = await confirm(user, pending.accountRef, (await microDepositsOf(pending)).reverse());
    expect(confirmed.status).toBe(200);
    return (await confirmed.json()) as Account;
  }
  /** Every record (collections and payouts, any status) the bank lists for `ref`. */
  async function bankRecordsOf(ref: string): Promise<string[]> {
    const found: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 100; page += 1) {
      const result = await sharedBankClient().listRecords({
        status: 'ALL',
        limit: 1000,
        ...(cursor ? { cursor } : {}),
      });
      found.push(
        ...result.records.filter((record) => record.accountRef === ref).map((record) => record.kind),
      );
      if (!result.nextCursor) return found;
      cursor = result.nextCursor;
    }
    throw new Error('more than 100 pages of bank records');
  }
  const depositFrom = (user: SignedUp, ref: string, amountMinor = '2500') =>
    postMoney(app, user, '/v1/deposits', { amountMinor, currency: 'EUR', bankAccountRef: ref });

  it('links an IBAN written with spaces, proves it by micro-deposits, deposits from it, and reviews the first payout to it', async () => {
    const ada = await signUpVerified(app, 'ada');
    const iban = freshIban();
    const created = await link(ada, {
      iban: friendlyFormatIBAN(iban)!.toLowerCase(),
      holderName: 'Ada Lovelace',
      label: 'Main',
    });
    expect(created.status).toBe(201);
    const pending = (await created.json()) as Account;
    expect(pending).toMatchObject({
      accountRef: iban,
      display: friendlyFormatIBAN(iban),
      holderName: 'Ada Lovelace',
      status: 'PENDING_VERIFICATION',
      verified: false,
      confirmTriesLeft: 3,
      voidReason: null,
    });
    expect(JSON.stringify(pending)).not.toMatch(/hash|amounts/i);
    const listed = (await (await get(app, '/v1/bank-accounts', ada)).json()) as { items: Account[] };
    expect(listed.items.map((item) => [item.accountRef, item.status])).toEqual([
      [`kizo-linked-${ada.id}`, 'VERIFIED'],
      [iban, 'PENDING_VERIFICATION'],
    ]);
    expect((await link(ada, { iban, holderName: 'Ada Lovelace' })).status).toBe(409);

    // Unproven, it moves no money either way.
    await fundWallet(services.db, ada.id, 10_000n);
    const early = await depositFrom(ada, iban);
    expect([early.status, (await problemOf(early)).type]).toEqual([
      422,
      problemType('bank-account-not-linked'),
    ]);
    const earlyPayout = await postMoney(app, ada, '/v1/withdrawals', {
      amountMinor: '500',
      currency: 'EUR',
      bankAccountRef: iban,
    });
    expect([earlyPayout.status, (await problemOf(earlyPayout)).type]).toEqual([
      422,
      problemType('bank-account-not-linked'),
    ]);

    // The holder reads the two amounts on the account (in either order) and types them back.
    const amounts = await microDepositsOf(pending);
    const confirmed = await confirm(
      ada,
      friendlyFormatIBAN(iban)!.replaceAll(' ', ''),
      [...amounts].reverse(),
    );
    expect(confirmed.status).toBe(200);
    expect((await confirmed.json()) as Account).toMatchObject({
      id: pending.id,
      status: 'VERIFIED',
      verified: true,
      confirmTriesLeft: 0,
    });
    expect(await accountOf(ada, iban)).toMatchObject({ status: 'VERIFIED' });
    // The micro-deposits are Kizo's money, not a wallet's: the records reconciliation reads never list them.
    expect(await bankRecordsOf(iban)).toEqual([]);
    const again = await confirm(ada, iban, amounts);
    expect([again.status, (await problemOf(again)).type]).toEqual([
      409,
      problemType('bank-account-already-verified'),
    ]);

    // A payout to the new account before any money came from it: an admin decides.
    const payout = (await (
      await postMoney(app, ada, '/v1/withdrawals', {
        amountMinor: '500',
        currency: 'EUR',
        bankAccountRef: friendlyFormatIBAN(iban),
      })
    ).json()) as TransferBody;
    const inReview = await eventually(
      () => transferOf(ada, payout.id),
      (transfer) => transfer.status === 'IN_REVIEW',
    );
    expect(inReview.events.at(-1)?.detail).toMatch(/first payout/);
    const admin = await createAdmin(services.db);
    await services.temporal.workflow
      .getHandle(inReview.workflowId!)
      .executeUpdate(reviewUpdate, { args: [{ approved: true, reviewerId: admin.id }] });
    expect(
      (
        await eventually(
          () => transferOf(ada, payout.id),
          (transfer) => transfer.status === 'COMPLETED',
        )
      ).status,
    ).toBe('COMPLETED');

    const deposit = (await (
      await postMoney(app, ada, '/v1/deposits', {
        amountMinor: '2000',
        currency: 'EUR',
        bankAccountRef: iban,
      })
    ).json()) as TransferBody;
    expect(
      (
        await eventually(
          () => transferOf(ada, deposit.id),
          (transfer) => transfer.status === 'COMPLETED',
        )
      ).status,
    ).toBe('COMPLETED');
    // Now a known payee: the next payout goes straight to the bank.
    const second = (await (
      await postMoney(app, ada, '/v1/withdrawals', {
        amountMinor: '300',
        currency: 'EUR',
        bankAccountRef: iban,
      })
    ).json()) as TransferBody;
    const secondDone = await eventually(
      () => transferOf(ada, second.id),
      (transfer) => ['COMPLETED', 'IN_REVIEW'].includes(transfer.status),
    );
    expect(secondDone.status).toBe('COMPLETED');
    expect(await availableMinor(services.db, ada.id)).toBe(10_000n - 500n + 2_000n - 300n);
  });

  it('refuses a malformed IBAN, a holder the bank does not know, and a closed account', async () => {
    const bo = await signUpVerified(app, 'bo');
    const eve = await signUpVerified(app, 'eve');
    const malformed = await link(bo, { iban: 'DE89 3704 0044 0532 0130 01', holderName: 'Bo' });
    expect(malformed.status).toBe(400);
    expect((await problemOf(malformed)).errors?.[0]?.message).toMatch(/valid IBAN, such as DE89/);

    const held = freshIban();
    await checks.faults.update({ accountHolders: { [held]: 'Bo Diddley' } });
    const mismatch = await link(eve, { iban: held, holderName: 'Eve' });
    expect([mismatch.status, (await problemOf(mismatch)).type]).toEqual([
      422,
      problemType('bank-account-holder-mismatch'),
    ]);
    // A refused check sends nothing to the account.
    expect(await creditsTo(held)).toEqual([]);
    expect((await linkProven(bo, held, '  bo   DIDDLEY ')).status).toBe('VERIFIED');

    const closed = freshIban();
    await checks.faults.update({ refuseAccounts: [closed] });
    const closedAnswer = await link(bo, { iban: closed, holderName: 'Bo' });
    expect([closedAnswer.status, (await problemOf(closedAnswer)).type]).toEqual([
      422,
      problemType('bank-account-closed'),
    ]);
    checks.faults.reset();
    expect([await availableMinor(services.db, bo.id), await availableMinor(services.db, eve.id)]).toEqual([
      0n,
      0n,
    ]);
  });

  it('voids a link after three wrong tries; the void link moves nothing, and the account can be linked anew', async () => {
    const fay = await signUpVerified(app, 'fay');
    const iban = freshIban();
    const pending = (await (await link(fay, { iban, holderName: 'Fay' })).json()) as Account;
    const right = await microDepositsOf(pending);
    const wrong = wrongAmounts(right);
    const answers = [];
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const answer = await confirm(fay, iban, wrong);
      const problem = await problemOf(answer);
      answers.push([answer.status, problem.type, problem.confirmTriesLeft]);
    }
    const failed = problemType('bank-account-confirmation-failed');
    expect(answers).toEqual([
      [422, failed, 2],
      [422, failed, 1],
      [422, failed, 0],
    ]);
    expect(await accountOf(fay, iban)).toMatchObject({
      status: 'VOID',
      verified: false,
      confirmTriesLeft: 0,
      voidReason: 'CONFIRM_TRIES_EXHAUSTED',
    });
    // Now even the right amounts are too late.
    const late = await confirm(fay, iban, right);
    expect([late.status, (await problemOf(late)).type, (await accountOf(fay, iban)).status]).toEqual([
      409,
      problemType('bank-account-void'),
      'VOID',
    ]);
    const deposit = await depositFrom(fay, iban);
    expect([deposit.status, (await problemOf(deposit)).type]).toEqual([
      422,
      problemType('bank-account-not-linked'),
    ]);
    // A new link sends new amounts, with three new tries.
    const relinked = await link(fay, { iban, holderName: 'Fay' });
    expect(relinked.status).toBe(201);
    const second = (await relinked.json()) as Account;
    expect([second.id === pending.id, second.status, second.confirmTriesLeft]).toEqual([
      false,
      'PENDING_VERIFICATION',
      3,
    ]);
    expect((await confirm(fay, iban, await microDepositsOf(second))).status).toBe(200);
    expect(await availableMinor(services.db, fay.id)).toBe(0n);
  });

  it('counts concurrent tries one by one: of many wrong ones at once, three are compared and the link is void', async () => {
    const gus = await signUpVerified(app, 'gus');
    const iban = freshIban();
    const pending = (await (await link(gus, { iban, holderName: 'Gus' })).json()) as Account;
    const wrong = wrongAmounts(await microDepositsOf(pending));
    const answers = await Promise.all(
      Array.from({ length: 12 }, async () => {
        const answer = await confirm(gus, iban, wrong);
        const problem = await problemOf(answer);
        return `${answer.status} ${problem.type.split('/').at(-1)} ${problem.confirmTriesLeft ?? '-'}`;
      }),
    );
    expect(answers.sort()).toEqual([
      '409 bank-account-void -',
      '409 bank-account-void -',
      '409 bank-account-void -',
      '409 bank-account-void -',
      '409 bank-account-void -',
      '409 bank-account-void -',
      '409 bank-account-void -',
      '409 bank-account-void -',
      '409 bank-account-void -',
      '422 bank-account-confirmation-failed 0',
      '422 bank-account-confirmation-failed 1',
      '422 bank-account-confirmation-failed 2',
    ]);
    expect((await accountOf(gus, iban)).status).toBe('VOID');

    // Many right tries at once: one proves the link, the others find it verified.
    const other = freshIban();
    const next = (await (await link(gus, { iban: other, holderName: 'Gus' })).json()) as Account;
    const right = await microDepositsOf(next);
    const statuses = await Promise.all(
      Array.from({ length: 8 }, async () => (await confirm(gus, other, right)).status),
    );
    expect(statuses.sort()).toEqual([200, 409, 409, 409, 409, 409, 409, 409]);
    expect((await accountOf(gus, other)).status).toBe('VERIFIED');
  });

  it('a squatter who links an IBAN first collects nothing, and its proven owner claims it: the squatter is voided', async () => {
    const owner = await signUpVerified(app, 'owner');
    const squatter = await signUpVerified(app, 'squatter');
    const iban = freshIban();
    // The squatter links the owner's IBAN (the mock bank takes any name for an unlisted account)
    // but never sees the account's statement, so cannot confirm: every guess fails.
    const squatted = (await (await link(squatter, { iban, holderName: 'Owner' })).json()) as Account;
    expect(squatted.status).toBe('PENDING_VERIFICATION');
    const refused = await depositFrom(squatter, iban);
    expect([refused.status, (await problemOf(refused)).type]).toEqual([
      422,
      problemType('bank-account-not-linked'),
    ]);
    const guess = await confirm(squatter, iban, wrongAmounts(await microDepositsOf(squatted)));
    expect([guess.status, (await problemOf(guess)).type]).toEqual([
      422,
      problemType('bank-account-confirmation-failed'),
    ]);
    // The owner may link it all the same, proves it, and owns it.
    const claimed = await linkProven(owner, iban, 'Owner');
    expect(claimed.status).toBe('VERIFIED');
    expect(await accountOf(squatter, iban)).toMatchObject({
      status: 'VOID',
      voidReason: 'CLAIMED_BY_PROVEN_OWNER',
      confirmTriesLeft: 0,
    });
    const tooLate = await confirm(squatter, iban, await microDepositsOf(squatted));
    expect([tooLate.status, (await problemOf(tooLate)).type]).toEqual([
      409,
      problemType('bank-account-void'),
    ]);

    // A squatter who held the IBAN verified (linked before micro-deposits existed) loses it too.
    const legacy = freshIban();
    await linkBankAccount(services.db, squatter.id, legacy);
    const before = await depositFrom(squatter, legacy, '700');
    expect(before.status).toBe(202);
    const beforeBody = (await before.json()) as TransferBody;
    await eventually(
      () => transferOf(squatter, beforeBody.id),
      (transfer) => transfer.status === 'COMPLETED',
    );
    await linkProven(owner, legacy, 'Owner');
    expect((await accountOf(squatter, legacy)).voidReason).toBe('CLAIMED_BY_PROVEN_OWNER');
    const after = await depositFrom(squatter, legacy);
    expect([after.status, (await problemOf(after)).type]).toEqual([
      422,
      problemType('bank-account-not-linked'),
    ]);
    const owners = await depositFrom(owner, legacy, '900');
    const ownersBody = (await owners.json()) as TransferBody;
    await eventually(
      () => transferOf(owner, ownersBody.id),
      (transfer) => transfer.status === 'COMPLETED',
    );
    expect([
      await availableMinor(services.db, squatter.id),
      await availableMinor(services.db, owner.id),
    ]).toEqual([700n, 900n]);
  });

  it('throttles holder-name checks per user and per IBAN with 429 and Retry-After', async () => {
    const throttled = createTestApp(services, {
      BANK_URL: checks.url,
      BANK_HOLDER_CHECKS_PER_USER_PER_HOUR_MAX: '4',
      BANK_HOLDER_CHECKS_PER_ACCOUNT_PER_HOUR_MAX: '2',
    });
    const prober = await signUpVerified(throttled, 'prober');
    const held = freshIban();
    await checks.faults.update({ accountHolders: { [held]: 'Someone Else' } });
    // Guessing the holder of one IBAN: refused checks count too.
    const guesses = [];
    for (const name of ['A', 'B', 'C'])
      guesses.push((await link(prober, { iban: held, holderName: name }, throttled)).status);
    expect(guesses).toEqual([422, 422, 429]);
    // Another user probing the same IBAN is throttled by the IBAN's count.
    const other = await signUpVerified(throttled, 'other');
    const perIban = await link(other, { iban: held, holderName: 'Someone Else' }, throttled);
    expect([perIban.status, (await problemOf(perIban)).type]).toEqual([429, problemType('rate-limited')]);
    expect(Number(perIban.headers.get('Retry-After'))).toBeGreaterThan(0);
    // The first user is at the limit of their own checks, whichever IBAN.
    expect((await link(prober, { iban: freshIban(), holderName: 'P' }, throttled)).status).toBe(201);
    const perUser = await link(prober, { iban: freshIban(), holderName: 'P' }, throttled);
    expect([perUser.status, (await problemOf(perUser)).type]).toEqual([429, problemType('rate-limited')]);
    expect(Number(perUser.headers.get('Retry-After'))).toBeGreaterThan(3000);
    checks.faults.reset();
  });

  it('links an account once when the same request arrives twice at once', async () => {
    const dee = await signUpVerified(app, 'dee');
    const iban = freshIban();
    const answers = await Promise.all([0, 1].map(() => link(dee, { iban, holderName: 'Dee' })));
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409]);
    const conflict = answers.find((answer) => answer.status === 409)!;
    expect((await problemOf(conflict)).type).toBe(problemType('bank-account-already-linked'));
    expect(
      ((await (await get(app, '/v1/bank-accounts', dee)).json()) as { items: Account[] }).items.filter(
        (item) => item.accountRef === iban,
      ),
    ).toHaveLength(1);
  });

  it('answers 503 with Retry-After when the bank cannot check the holder', async () => {
    const cy = await signUpVerified(app, 'cy');
    await checks.faults.update({ outage: true });
    const answer = await link(cy, { iban: freshIban(), holderName: 'Cy' });
    checks.faults.reset();
    expect([answer.status, (await problemOf(answer)).type, answer.headers.get('Retry-After')]).toEqual([
      503,
      problemType('bank-unavailable'),
      '5',
    ]);
    expect(
      ((await (await get(app, '/v1/bank-accounts', cy)).json()) as { items: unknown[] }).items,
    ).toHaveLength(1);
  });

  it('shows the limits and what is left of them after a deposit', async () => {
    const di = await signUpVerified(app, 'di');
    type Limit = {
      kind: string;
      currency: string;
      perMovementMinor: string;
      windowMinor: string;
      usedMinor: string;
      remainingMinor: string;
    };
    const limitOf = async () =>
      ((await (await get(app, '/v1/limits', di)).json()) as { items: Limit[] }).items.find(
        (item) => item.kind === 'DEPOSIT' && item.currency === 'EUR',
      )!;
    expect(await limitOf()).toMatchObject({
      perMovementMinor: '5000000',
      windowMinor: '10000000',
      usedMinor: '0',
      remainingMinor: '5000000',
    });
    const deposit = (await (
      await postMoney(app, di, '/v1/deposits', { amountMinor: '4000000', currency: 'EUR' })
    ).json()) as TransferBody;
    await eventually(
      () => transferOf(di, deposit.id),
      (transfer) => transfer.status === 'COMPLETED',
    );
    expect(await limitOf()).toMatchObject({
      usedMinor: '4000000',
      windowRemainingMinor: '6000000',
      remainingMinor: '5000000',
    });
    const second = (await (
      await postMoney(app, di, '/v1/deposits', { amountMinor: '5000000', currency: 'EUR' })
    ).json()) as TransferBody;
    await eventually(
      () => transferOf(di, second.id),
      (transfer) => transfer.status === 'COMPLETED',
    );
    expect(await limitOf()).toMatchObject({ usedMinor: '9000000', remainingMinor: '1000000' });
    const over = await postMoney(app, di, '/v1/deposits', { amountMinor: '1000001', currency: 'EUR' });
    expect([over.status, (await problemOf(over)).type]).toEqual([422, problemType('limit-exceeded')]);
    expect(await availableMinor(services.db, di.id)).toBe(9_000_000n);
  });

  it("shows a recipient only money that reached them: never the sender's refused or pending attempts, nor their ids", async () => {
    const alice = await signUpVerified(app, 'alice');
    const bob = await signUpVerified(app, 'bob');
    await fundWallet(services.db, alice.id, 200_000n);
    const refused = await postMoney(app, alice, '/v1/transfers', {
      recipient: bob.handle,
      amountMinor: '900000',
      currency: 'EUR',
    });
    expect(refused.status).toBe(422);
    const pending = (await (
      await postMoney(app, alice, '/v1/transfers', {
        recipient: bob.handle,
        amountMinor: '150000',
        currency: 'EUR',
      })
    ).json()) as TransferBody;
    await eventually(
      () => transferOf(alice, pending.id),
      (transfer) => transfer.status === 'IN_REVIEW',
    );
    const paid = (await (
      await postMoney(app, alice, '/v1/transfers', {
        recipient: bob.handle,
        amountMinor: '700',
        currency: 'EUR',
      })
    ).json()) as TransferBody;
    await eventually(
      () => transferOf(alice, paid.id),
      (transfer) => transfer.status === 'COMPLETED',
    );

    const bobsList = ((await (await get(app, '/v1/transfers', bob)).json()) as { items: TransferBody[] })
      .items;
    expect(bobsList.map((transfer) => transfer.id)).toEqual([paid.id]);
    expect(bobsList[0]).toMatchObject({ direction: 'received', workflowId: null });
    expect(bobsList[0]!.events.map((event) => [event.status, event.detail])).toEqual([['COMPLETED', null]]);
    expect((await get(app, `/v1/transfers/${pending.id}`, bob)).status).toBe(404);

    const admin = await createAdmin(services.db);
    const row = await services.db.transfer.findUniqueOrThrow({ where: { id: pending.id } });
    await services.temporal.workflow.getHandle(row.workflowId).executeUpdate(reviewUpdate, {
      args: [{ approved: false, reviewerId: admin.id, reason: 'test over' }],
    });
    await eventually(
      () => transferOf(alice, pending.id),
      (transfer) => transfer.status === 'CANCELLED',
    );
  });
});
