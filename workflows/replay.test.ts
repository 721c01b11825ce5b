/**
 * Goal: today's workflow code replays the recorded histories in workflows/histories/ exactly,
 * so a change that breaks determinism (reordered activities, a renamed workflow, a new timer
 * without patching) fails CI before it strands running transfers. Refresh the fixtures with
 * `KIZO_RECORD_HISTORIES=1 npx vitest run test/workflows` only after an intended, patched change.
 */
import { Worker } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { workflowBundle } from '../temporal/worker';
import { loadHistoryFixtures } from '../test/support/history-fixtures';
import { workerTracingOptions } from '../temporal/tracing';

const fixtures = loadHistoryFixtures(new URL('./histories/', import.meta.url));

describe('workflow determinism', () => {
  it('has recorded histories of every workflow type', () => {
    const types = new Set(
      fixtures.map(
        (fixture) => fixture.history.events[0]?.workflowExecutionStartedEventAttributes?.workflowType?.name,
      ),
    );
    expect([...types].sort()).toEqual([
      'depositWorkflow',
      'monthlyStatementsWorkflow',
      'p2pTransferWorkflow',
      'paymentRequestWorkflow',
      'scheduledTransferWorkflow',
      'webhookDeliveryWorkflow',
      'withdrawalWorkflow',
    ]);
  });

  it('replays every recorded history without nondeterminism', async () => {
    const failures: string[] = [];
    let replayed = 0;
    const histories = fixtures.map((fixture) => ({
      workflowId: fixture.workflowId,
      history: fixture.history,
    }));
    for await (const result of Worker.runReplayHistories(
      { workflowBundle: await workflowBundle(), ...workerTracingOptions() },
      histories,
    )) {
      replayed += 1;
      if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
    }
    expect(failures).toEqual([]);
    expect(replayed).toBe(fixtures.length);
    expect(replayed).toBeGreaterThanOrEqual(8);
  });
});
