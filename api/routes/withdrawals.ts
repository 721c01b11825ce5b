/**
 * Withdrawals (payouts): POST starts the withdrawal's workflow and answers once the funds are
 * held (202) or refused (422); the payout goes on in the background. Cancel asks the workflow
 * (an update), which voids the payout at the bank: 202 when it cancelled, or when the cancel is
 * recorded while the bank has not answered yet; 409 when the bank had already accepted.
 */
import { createRoute } from '@hono/zod-openapi';
import type { Client } from '@temporalio/client';
import type { Config } from '../../common/config';
import { FINAL_STATUSES } from '../../common/transfer-status';
import type { Database } from '../../prisma/client';
import { ownAccountRef } from '../bank-account-ref';
import { cancelUpdate, type CancelResult, type WithdrawalInput } from '../../workflows/definitions';
import type { IdempotencyStore } from '../idempotency/store';
import { moneyPostRoute, moneyRequest } from '../money-request';
import { ProblemError } from '../problem';
import { createRouter } from '../router';
import { authProblems, BankAccountRef, IdParam, problemDoc, Transfer } from '../schemas';
import { loadTransferView, withLiveState } from '../transfer-view';

const create = moneyPostRoute({
  tag: 'withdrawals',
  summary: 'Withdraw to a bank account',
  description:
    'Idempotent by the `Idempotency-Key` header. Answers once the funds are held; the payout follows (SENT_TO_BANK, then COMPLETED, or COMPENSATED with the funds released).',
  fields: {
    bankAccountRef: BankAccountRef.optional().openapi({
      description:
        "One of the caller's verified bank accounts (GET /v1/bank-accounts) to pay out to; defaults to their first. The first payout to an account, and any at or above the review threshold, waits for an admin's review (IN_REVIEW).",
    }),
  },
  responses: {
    403: problemDoc(
      'The caller has not verified their email yet (`email-not-verified`): money leaves for a bank only from verified accounts',
    ),
  },
});

const cancel = createRoute({
  method: 'post',
  path: '/{id}/cancel',
  tags: ['withdrawals'],
  summary: 'Cancel a withdrawal the bank has not accepted yet',
  security: [{ bearerAuth: [] }],
  request: { params: IdParam },
  responses: {
    202: {
      description:
        'Cancelled (status CANCELLED, the hold released), or, while the bank does not answer, the cancel is recorded (status stays SENT_TO_BANK, with a step saying so, `cancelRequested` true and `cancel` no longer in `allowedActions`): the withdrawal then ends CANCELLED once the bank confirms the void, or COMPLETED if the bank had already paid out. Answered within a few seconds either way.',
      content: { 'application/json': { schema: Transfer } },
    },
    400: problemDoc('The id is not a UUID (`validation-failed`)'),
    ...authProblems,
    404: problemDoc("No such withdrawal among the caller's"),
    409: problemDoc(
      'Too late: the bank accepted the payout, or the withdrawal already ended (`not-cancellable`)',
    ),
  },
});

export function withdrawalRoutes(dependencies: {
  db: Database;
  temporal: Client;
  config: Config;
  idempotency: IdempotencyStore;
}) {
  const { db, temporal } = dependencies;
  const app = createRouter();

  app.openapi(create, async (c) => {
    const body = c.req.valid('json');
    const user = c.get('user');
    if (!user.emailVerified)
      throw new ProblemError(
        403,
        'email-not-verified',
        'Verify your email before withdrawing',
        'follow the link we mailed you, or ask for a new one (POST /v1/me/email/verification)',
      );
    const idempotencyKey = c.req.valid('header')['idempotency-key'];
    return moneyRequest(c, dependencies, {
      kind: 'WITHDRAWAL',
      userId: user.id,
      idempotencyKey,
      body,
      prepare: async (base): Promise<WithdrawalInput> => ({
        ...base,
        bankAccountRef: await ownAccountRef(db, user.id, body.bankAccountRef),
      }),
    });
  });

  app.openapi(cancel, async (c) => {
    const user = c.get('user');
    const view = await loadTransferView(db, c.req.valid('param').id, user.id);
    // Only the withdrawal's owner may cancel it; anyone else is told it does not exist.
    if (!view || view.kind !== 'WITHDRAWAL' || view.direction !== 'sent')
      throw new ProblemError(404, 'not-found', 'Withdrawal not found');
    const tooLate = (status: string) =>
      new ProblemError(
        409,
        'not-cancellable',
        'The withdrawal can no longer be cancelled',
        `its status is ${status}`,
      );
    if (FINAL_STATUSES.has(view.status)) throw tooLate(view.status);
    let result: CancelResult;
    try {
      // The caller sent it (checked above), so the view carries the workflow id.
      result = await temporal.workflow
        .getHandle(view.workflowId ?? '')
        .executeUpdate(cancelUpdate, { args: [{ requestedBy: user.id }] });
    } catch (error) {
      // The workflow ended between the read and the update: the row says how.
      const now = await loadTransferView(db, view.id, user.id);
      if (now && FINAL_STATUSES.has(now.status)) throw tooLate(now.status);
      throw error;
    }
    if (!result.cancelled && !result.pending) throw tooLate(result.state.status);
    const answer = withLiveState(
      (await loadTransferView(db, view.id, user.id)) ?? view,
      result.state,
      user.id,
    );
    // Pending: the workflow holds the cancel (its step may not be written yet); say so, offer it no more.
    if (!result.pending) return c.json(answer, 202);
    return c.json(
      {
        ...answer,
        cancelRequested: true,
        allowedActions: answer.allowedActions.filter((action) => action !== 'cancel'),
      },
      202,
    );
  });

  return app;
}
