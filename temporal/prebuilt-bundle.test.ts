/**
 * Goal: the workflow bundle built for the production image (scripts/build-workflow-bundle.ts,
 * loaded by workers through KIZO_WORKFLOW_BUNDLE) is the workflow code: it replays every
 * recorded history exactly, as the worker's own bundle does (workflows/replay.test.ts).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Worker } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { buildWorkflowBundle } from '../scripts/build-workflow-bundle';
import { loadHistoryFixtures } from '../test/support/history-fixtures';
import { workerTracingOptions } from './tracing';

describe('the prebuilt workflow bundle', () => {
  it('replays every recorded history', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'kizo-bundle-')), 'workflows.js');
    await buildWorkflowBundle(file);
    const fixtures = loadHistoryFixtures(new URL('../workflows/histories/', import.meta.url));
    const failures: string[] = [];
    let replayed = 0;
    const histories = fixtures.map((fixture) => ({
      workflowId: fixture.workflowId,
      history: fixture.history,
    }));
    for await (const result of Worker.runReplayHistories(
      { workflowBundle: { codePath: file }, ...workerTracingOptions() },
      histories,
    )) {
      replayed += 1;
      if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
    }
    expect(failures).toEqual([]);
    expect(replayed).toBe(fixtures.length);
  }, 120_000);
});
