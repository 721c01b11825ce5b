/**
 * Goal: one status machine per kind, in code and in the database alike: the database's table of
 * transitions is exactly the descriptors', its trigger refuses a move the machine does not
 * allow (and lets a retried step repeat its status), and the actions a party may take follow the
 * machine (a withdrawal can be cancelled until it ends, a review only by a reviewer).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectServices, createTransfer, createUser, type TestServices } from '../test/support/fixtures';
import { allowedActions, allTransitions, canTransition } from './kinds';

describe('the status machines', () => {
  let services: TestServices;
  beforeAll(async () => {
    services = await connectServices();
  });
  afterAll(() => services.close());

  it('are the same in the database as in transfers/kinds.ts', async () => {
    const rows = await services.db.transferTransition.findMany();
    const key = (row: { kind: string; from: string; to: string }) => `${row.kind} ${row.from}->${row.to}`;
    expect(rows.map((row) => key({ kind: row.kind, from: row.fromStatus, to: row.toStatus })).sort()).toEqual(
      allTransitions().map(key).sort(),
    );
  });

  it('let the database refuse a move the machine does not allow, and allow a repeated status', async () => {
    const user = await createUser(services.db, 'machine');
    const transferId = await createTransfer(services.db, {
      userId: user.id,
      amountMinor: 100n,
      kind: 'WITHDRAWAL',
      status: 'COMPLETED',
    });
    const illegal = await services.db.transfer
      .update({ where: { id: transferId }, data: { status: 'PENDING' } })
      .then(
        () => 'moved',
        (error: unknown) => String(error),
      );
    expect(illegal).toMatch(/cannot move from COMPLETED to PENDING/);
    await services.db.transfer.update({ where: { id: transferId }, data: { status: 'COMPLETED' } });
    expect((await services.db.transfer.findUniqueOrThrow({ where: { id: transferId } })).status).toBe(
      'COMPLETED',
    );
  });

  it('end at the final statuses and offer each party its own actions', () => {
    expect(canTransition('WITHDRAWAL', 'SENT_TO_BANK', 'CANCELLED')).toBe(true);
    expect(canTransition('DEPOSIT', 'SENT_TO_BANK', 'CANCELLED')).toBe(false);
    expect(canTransition('P2P', 'COMPLETED', 'FAILED')).toBe(false);
    expect(allowedActions('WITHDRAWAL', 'SENT_TO_BANK', 'initiator')).toEqual(['cancel']);
    expect(allowedActions('WITHDRAWAL', 'COMPLETED', 'initiator')).toEqual([]);
    expect(allowedActions('P2P', 'IN_REVIEW', 'initiator')).toEqual([]);
    expect(allowedActions('P2P', 'IN_REVIEW', 'reviewer')).toEqual(['approve', 'reject']);
    expect(allowedActions('P2P', 'COMPLETED', 'recipient')).toEqual([]);
  });
});
