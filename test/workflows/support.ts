/**
 * Helpers the workflow tests share: inputs with short timers, starting a transfer the way the
 * API does (Update-with-Start, USE_EXISTING / REJECT_DUPLICATE), a dedicated bank and worker
 * for tests that inject faults, and recording histories for the replay test.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { WithStartWorkflowOperation, type Client, type WorkflowHandle } from '@temporalio/client';
import { temporal as proto } from '@temporalio/proto';
import { inject } from 'vitest';
import { createBankClient, type BankClient } from '../../bank-client/client';
import { startBank, type RunningBank } from '../../bank/server';
import { transferIdOf } from '../../common/ids';
import { createDatabase, type Database } from '../../prisma/client';
import { TASK_QUEUE_TRANSFERS } from '../../temporal/task-queues';
import { createKizoWorker } from '../../temporal/worker';
import { intentOf } from '../../common/transfer-intent';
import { recordTransferIntent } from '../../api/transfer-intents';
import { parseConfig } from '../../common/config';
import { demoBankAccountRef } from '../../transfers/bank-accounts';
import { descriptorOf } from '../../transfers/kinds';
import { policyFromConfig } from '../../transfers/policy';
import {
  acceptedUpdate,
  type TransferPolicy,
  type BankCallSettings,
  type DepositInput,
  type P2PTransferInput,
  type TransferKind,
  type TransferState,
  type WithdrawalInput,
} from '../../workflows/definitions';
import { HISTORY_FIXTURE_ENCODING, type HistoryFixture } from '../support/history-fixtures';
import { transferWorkflowId } from '../../workflows/ids';

/** Seconds, not hours: a burst of 3 quick attempts, 1 s pauses, a 30 s deadline. */
export function fastBank(overrides: Partial<BankCallSettings> = {}): BankCallSettings {
  return {
    bankDeadlineMs: 30_000,
    retryInitialIntervalMs: 100,
    retryBackoffCoefficient: 2,
    retryMaximumIntervalMs: 400,
    retryMaximumAttempts: 3,
    outagePauseMs: 1_000,
    outagePauseMaxMs: 1_000,
    callTimeoutMs: 5_000,
    ...overrides,
  };
}

/** The default configuration's policy with a fast bank; what a test worker runs under. */
export function testPolicy(
  bank: Partial<BankCallSettings> = {},
  overrides: Partial<Omit<TransferPolicy, 'bank'>> = {},
): TransferPolicy {
  return { ...policyFromConfig(parseConfig({})), bank: fastBank(bank), ...overrides };
}

let intentDatabase: Database | undefined;

/** Records the intent the API would record before it starts a workflow (see api/transfer-intents.ts). */
export async function recordIntent(
  kind: TransferKind,
  input: DepositInput | WithdrawalInput | P2PTransferInput,
): Promise<void> {
  intentDatabase ??= createDatabase(inject('databaseUrl'), { poolSize: 2 });
  await recordTransferIntent(intentDatabase, intentOf(kind, input));
}

type InputOf<K extends TransferKind> = K extends 'DEPOSIT'
  ? DepositInput
  : K extends 'WITHDRAWAL'
    ? WithdrawalInput
    : P2PTransferInput;

export interface StartedTransfer {
  accepted: TransferState;
  handle: WorkflowHandle;
  transferId: string;
  workflowId: string;
}

/** Ids for a new request: the key picks the workflow id, which picks the transfer id. */
export function newRequest(kind: TransferKind, userId: string, key: string = randomUUID()) {
  const workflowId = transferWorkflowId(kind, userId, key);
  return { key, workflowId, transferId: transferIdOf(workflowId) };
}

/** Starts (or joins) a transfer as the API does and returns once it is accepted or refused. */
export async function startTransfer<K extends TransferKind>(
  temporal: Client,
  kind: K,
  input: InputOf<K>,
  taskQueue: string = TASK_QUEUE_TRANSFERS,
): Promise<StartedTransfer> {
  const workflowId = transferWorkflowId(kind, input.userId, input.idempotencyKey);
  await recordIntent(kind, input);
  const accepted = await temporal.workflow.executeUpdateWithStart(acceptedUpdate, {
    startWorkflowOperation: new WithStartWorkflowOperation(descriptorOf(kind).workflowType, {
      workflowId,
      taskQueue,
      args: [input],
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
    }),
  });
  return {
    accepted,
    handle: temporal.workflow.getHandle(workflowId),
    transferId: input.transferId,
    workflowId,
  };
}

/** A deposit from the user's demo account (or `accountRef`, which the test must have linked). */
export function depositInput(
  userId: string,
  amountMinor: string,
  key?: string,
  accountRef = demoBankAccountRef(userId),
): DepositInput {
  const request = newRequest('DEPOSIT', userId, key);
  return {
    transferId: request.transferId,
    userId,
    idempotencyKey: request.key,
    currency: 'EUR',
    amountMinor,
    bankAccountRef: accountRef,
  };
}

/** A withdrawal to the user's demo account (or `accountRef`, which the test must have linked). */
export function withdrawalInput(
  userId: string,
  amountMinor: string,
  key?: string,
  accountRef = demoBankAccountRef(userId),
): WithdrawalInput {
  const request = newRequest('WITHDRAWAL', userId, key);
  return {
    transferId: request.transferId,
    userId,
    idempotencyKey: request.key,
    currency: 'EUR',
    amountMinor,
    bankAccountRef: accountRef,
  };
}

export function p2pInput(
  userId: string,
  recipientUserId: string,
  amountMinor: string,
  key?: string,
): P2PTransferInput {
  const request = newRequest('P2P', userId, key);
  return {
    transferId: request.transferId,
    userId,
    recipientUserId,
    idempotencyKey: request.key,
    currency: 'EUR',
    amountMinor,
  };
}

export interface FaultBank {
  bank: RunningBank;
  client: BankClient;
  taskQueue: string;
  /** PUT /control/faults on this bank only. */
  setFaults(patch: Record<string, unknown>): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A bank front door of its own (on the shared bank store, so reconciliation sees one book)
 * and a worker on a task queue of its own that calls it, under `policy`: faults set here reach
 * no other test.
 */
export async function startFaultBank(
  name: string,
  policy: TransferPolicy = testPolicy(),
): Promise<FaultBank> {
  const bank = await startBank({
    port: 0,
    databaseUrl: inject('walletBankDatabaseUrl'),
    controls: true,
    hangMs: 1_500,
  });
  const client = createBankClient({ baseUrl: bank.url, timeoutMs: 1_000 });
  const taskQueue = `kizo-test-${name}-${randomUUID().slice(0, 8)}`;
  const db: Database = createDatabase(inject('databaseUrl'));
  const { worker, connection } = await createKizoWorker({
    address: inject('temporalAddress'),
    namespace: 'default',
    db,
    bank: client,
    taskQueue,
    policy,
  });
  const running = worker.run();
  return {
    bank,
    client,
    taskQueue,
    async setFaults(patch) {
      const response = await fetch(`${bank.url}/control/faults`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(patch),
      });
      if (!response.ok) throw new Error(`setting faults failed: ${response.status} ${await response.text()}`);
    },
    async stop() {
      worker.shutdown();
      await running;
      await connection.close();
      await db.$disconnect();
      await bank.stop();
    },
  };
}

/**
 * With KIZO_RECORD_HISTORIES=1, saves a finished workflow's history as a replay fixture: the
 * protobuf encoding in base64 inside a small JSON envelope. (The SDK's proto3-JSON codec,
 * historyToJSON/historyFromJSON, fails here on a duplicated protobufjs: "type must be a Type".)
 */
export async function maybeRecordHistory(handle: WorkflowHandle, name: string): Promise<void> {
  if (process.env.KIZO_RECORD_HISTORIES !== '1') return;
  await handle.result();
  const history = await handle.fetchHistory();
  const fixture: HistoryFixture = {
    workflowId: handle.workflowId,
    encoding: HISTORY_FIXTURE_ENCODING,
    events: history.events?.length ?? 0,
    data: Buffer.from(proto.api.history.v1.History.encode(history).finish()).toString('base64'),
  };
  const folder = new URL('../../workflows/histories/', import.meta.url);
  mkdirSync(folder, { recursive: true });
  writeFileSync(new URL(`${name}.json`, folder), `${JSON.stringify(fixture, null, 2)}\n`);
}

export async function waitForResult(handle: WorkflowHandle): Promise<TransferState> {
  return (await handle.result()) as TransferState;
}
