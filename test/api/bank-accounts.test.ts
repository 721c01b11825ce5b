/**
 * Goal: money moves only to and from accounts their user holds. Over HTTP against the real app:
 * a user links an IBAN written with spaces (the bank checks the holder) and sees it listed;
 * deposits from it and withdrawals to it work, the first payout to it waits for an admin; a
 * malformed IBAN is a readable 400; a holder the bank does not recognise, a closed account, or
 * an account another user linked are 422s; nobody can collect from another user's account.
 * Limits are shown and enforced; a recipient sees only money that reached them, never the
 * sender's refused or pending attempts or ids. Balances never change on a refusal.
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
  verified: boolean;
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
  /** The API's own bank for account-holder checks, so this file can set who holds what. */
  let checks: RunningBank;

  beforeAll(async () => {
    services = await connectServices();
    checks = await startBank({ port: 0, databaseUrl: inject('bankDatabaseUrl'), controls: true });
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

  const link = (user: SignedUp, body: Record<string, unknown>) =>
    postJson(app, '/v1/bank-accounts', body, bearer(user));
  const transferOf = async (user: SignedUp, id: string) =>
    (await (await get(app, `/v1/transfers/${id}`, user)).json()) as TransferBody;

  it('links an IBAN written with spaces, deposits from it, and reviews the first payout to it', async () => {
    const ada = await signUpVerified(app, 'ada');
    const iban = freshIban();
    const created = await link(ada, {
      iban: friendlyFormatIBAN(iban)!.toLowerCase(),
      holderName: 'Ada Lovelace',
      label: 'Main',
    });
    expect(created.status).toBe(201);
    const account = (await created.json()) as Account;
    expect(account).toMatchObject({
      accountRef: iban,
      display: friendlyFormatIBAN(iban),
      holderName: 'Ada Lovelace',
      verified: true,
    });
    const listed = (await (await get(app, '/v1/bank-accounts', ada)).json()) as { items: Account[] };
    expect(listed.items.map((item) => item.accountRef)).toEqual([`kizo-linked-${ada.id}`, iban]);
    expect((await link(ada, { iban, holderName: 'Ada Lovelace' })).status).toBe(409);

    // A payout to the new account before any money came from it: an admin decides.
    await fundWallet(services.db, ada.id, 10_000n);
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

  it('refuses a malformed IBAN, a holder the bank does not know, a closed account, and an account someone else linked', async () => {
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
    expect((await link(bo, { iban: held, holderName: '  bo   DIDDLEY ' })).status).toBe(201);
    // Bo holds it now: Eve cannot link it even with Bo's name, and so cannot collect from it.
    const taken = await link(eve, { iban: held, holderName: 'Bo Diddley' });
    expect([taken.status, (await problemOf(taken)).type]).toEqual([
      422,
      problemType('bank-account-unavailable'),
    ]);
    const stolen = await postMoney(app, eve, '/v1/deposits', {
      amountMinor: '2500',
      currency: 'EUR',
      bankAccountRef: held,
    });
    expect([stolen.status, (await problemOf(stolen)).type]).toEqual([
      422,
      problemType('bank-account-not-linked'),
    ]);

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
