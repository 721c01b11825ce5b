/**
 * P2P transfers: POST starts (or joins) the transfer's workflow with Update-with-Start and
 * answers once the funds are held or refused; GET reads the transfer from the database.
 */
import { WithStartWorkflowOperation, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { Hono } from 'hono';
import { z } from 'zod';
import { LEDGER_ERROR_TYPES } from '../../common/error-types';
import { transferIdOf } from '../../common/ids';
import { MoneyError, parseAmountMinor, parseCurrency } from '../../common/money';
import { TASK_QUEUE_TRANSFERS } from '../../temporal/task-queues';
import { acceptedUpdate, type P2PTransferInput } from '../../workflows/definitions';
import { transferWorkflowId } from '../../workflows/ids';
import type { p2pTransferWorkflow } from '../../workflows/p2p-transfer';
import type { ApiDependencies } from '../app';
import { devAuth, type AuthVariables } from '../auth/dev-auth';
import { ProblemError } from '../problem';
import { loadTransferView } from '../transfer-view';

const createTransferBody = z.object({
  recipient: z.string().min(1).max(254),
  amountMinor: z.union([z.string(), z.number()]),
  currency: z.string(),
  note: z.string().max(140).optional(),
});

const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{8,128}$/;

export function transfersRoutes({ db, temporal, config }: ApiDependencies) {
  const app = new Hono<{ Variables: AuthVariables }>();
  app.use('*', devAuth);

  app.post('/', async (c) => {
    const userId = c.get('userId');
    const key = c.req.header('Idempotency-Key');
    if (!key) throw new ProblemError(400, 'idempotency-key-missing', 'Idempotency-Key header required');
    if (!IDEMPOTENCY_KEY.test(key)) {
      throw new ProblemError(400, 'idempotency-key-invalid', 'Invalid Idempotency-Key', 'use 8 to 128 letters, digits or ._:-');
    }
    const parsed = createTransferBody.safeParse(await c.req.json().catch(() => undefined));
    if (!parsed.success) throw new ProblemError(400, 'validation', 'Invalid request body', parsed.error.issues[0]?.message);
    let amountMinor: bigint;
    let currency;
    try {
      amountMinor = parseAmountMinor(parsed.data.amountMinor);
      currency = parseCurrency(parsed.data.currency);
    } catch (error) {
      if (error instanceof MoneyError) throw new ProblemError(400, 'validation', 'Invalid amount', error.message);
      throw error;
    }
    const recipient = await db.user.findFirst({
      where: { OR: [{ email: parsed.data.recipient.toLowerCase() }, { handle: parsed.data.recipient.toLowerCase() }] },
    });
    if (!recipient) throw new ProblemError(422, 'recipient-not-found', 'Recipient not found');
    if (recipient.id === userId) throw new ProblemError(422, 'self-transfer', 'You cannot send money to yourself');

    const workflowId = transferWorkflowId('P2P', userId, key);
    const transferId = transferIdOf(workflowId);
    const input: P2PTransferInput = {
      transferId,
      userId,
      recipientUserId: recipient.id,
      idempotencyKey: key,
      currency,
      amountMinor: amountMinor.toString(),
      reviewThresholdMinor: config.REVIEW_THRESHOLD_MINOR,
      reviewTimeoutMs: config.REVIEW_TIMEOUT_MS,
    };
    try {
      const state = await temporal.workflow.executeUpdateWithStart(acceptedUpdate, {
        startWorkflowOperation: new WithStartWorkflowOperation<typeof p2pTransferWorkflow>('p2pTransferWorkflow', {
          workflowId,
          taskQueue: TASK_QUEUE_TRANSFERS,
          args: [input],
          workflowIdConflictPolicy: 'USE_EXISTING',
          // A finished transfer is never run again for the same key.
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
        }),
      });
      if (state.status === 'FAILED' && state.failureType === LEDGER_ERROR_TYPES.insufficientFunds) {
        throw new ProblemError(422, 'insufficient-funds', 'Insufficient funds', 'your available balance does not cover this amount', {
          transferId,
        });
      }
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
      // The workflow for this key already finished: answer with what it did.
    }
    const view = await loadTransferView(db, transferId, userId);
    if (!view) throw new ProblemError(500, 'internal', 'Internal error');
    return c.json(view, 202);
  });

  app.get('/:id', async (c) => {
    const id = c.req.param('id');
    const view = z.string().uuid().safeParse(id).success ? await loadTransferView(db, id, c.get('userId')) : undefined;
    if (!view) throw new ProblemError(404, 'not-found', 'Transfer not found');
    return c.json(view);
  });

  return app;
}
