/**
 * The one path every money-moving POST takes: idempotency claim, then Update-with-Start of the
 * movement's workflow, then the answer once the workflow accepted (202 with the transfer) or
 * refused (422 problem). The answer is stored under the Idempotency-Key and replayed.
 */
import type { Client } from '@temporalio/client';
import type { Context } from 'hono';
import { transferIdOf } from '../common/ids';
import type { Database } from '../prisma/client';
import type { TransferInputBase, TransferKind } from '../workflows/definitions';
import { transferWorkflowId } from '../workflows/ids';
import { idempotent } from './idempotency/idempotent';
import type { IdempotencyStore } from './idempotency/store';
import { ProblemError } from './problem';
import { loadTransferView, withLiveState } from './transfer-view';
import { assertNotRefused, startAndAwaitAccepted, WORKFLOW_TYPES } from './workflow-start';

export interface MoneyRequestDependencies {
  db: Database;
  temporal: Client;
  idempotency: IdempotencyStore;
}

export interface MoneyRequest<Body> {
  kind: TransferKind;
  userId: string;
  idempotencyKey: string;
  /** The validated body: its fingerprint guards the key against reuse for another request. */
  body: Body;
  /** Business checks that may refuse with a 422 (stored and replayed like any answer), then the workflow input. */
  prepare: (ids: { transferId: string; workflowId: string }) => Promise<TransferInputBase>;
}

/**
 * Typed as `never` so an OpenAPI handler can return it: the typed-response check cannot see
 * through the idempotency store, but the stored body is the route's declared 202 Transfer or
 * a Problem (idempotency.test.ts and the OpenAPI tests hold it to that).
 */
export async function moneyRequest<Body>(c: Context, dependencies: MoneyRequestDependencies, request: MoneyRequest<Body>): Promise<never> {
  const response = await idempotent(c, dependencies.idempotency, { userId: request.userId, key: request.idempotencyKey, body: request.body }, async () => {
    const workflowId = transferWorkflowId(request.kind, request.userId, request.idempotencyKey);
    const transferId = transferIdOf(workflowId);
    const input = await request.prepare({ transferId, workflowId });
    const state = await startAndAwaitAccepted(dependencies.temporal, {
      workflowType: WORKFLOW_TYPES[request.kind],
      workflowId,
      input,
      attributes: { ...input, kind: request.kind },
    });
    assertNotRefused(state);
    const view = await loadTransferView(dependencies.db, transferId, request.userId);
    // The workflow records the row before it accepts, so a missing row is a fault, not a refusal.
    if (!view) throw new ProblemError(500, 'internal', 'Internal error');
    return { status: 202, body: state ? withLiveState(view, state) : view };
  });
  return response as never;
}
