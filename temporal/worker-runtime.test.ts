/**
 * Goal: the worker's SDK log lines are ones an operator can use. A business refusal is one info
 * line with its type and reason, no stack and no task token; a real failure stays a warning with
 * its error; a transfer's lines carry its transfer id.
 */
import { Writable } from 'node:stream';
import { ApplicationFailure } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { transferIdOf } from '../common/ids';
import { createLogger } from '../common/logger';
import { refusal } from '../activities/refusal';
import { temporalLogger } from './worker-runtime';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { lines, logger: temporalLogger(createLogger('worker', { level: 'info', destination })) };
}

describe('the worker SDK logger', () => {
  const workflowId = 'withdrawal-2b9c0a44-1f0e-4a43-a1f9-6c1c8f6d2f11-key-1';
  const meta = { workflowId, activityType: 'openTransfer', taskToken: 'c2VjcmV0LXRhc2stdG9rZW4=' };

  it('logs a business refusal once at info, with its type and reason and no stack or task token', async () => {
    const { lines, logger } = capture();
    // The SDK logs BENIGN failures at debug: the refusal must still show, at info.
    logger.debug('Activity failed', {
      ...meta,
      error: refusal('insufficient funds', 'InsufficientFunds'),
      durationMs: 3,
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 'info',
      msg: 'activity refused',
      failureType: 'InsufficientFunds',
      reason: 'insufficient funds',
      transferId: transferIdOf(workflowId),
    });
    expect(JSON.stringify(lines[0])).not.toMatch(/stack|taskToken|c2VjcmV0/);
  });

  it('keeps a real failure a warning with its error, without the task token', async () => {
    const { lines, logger } = capture();
    logger.warn('Activity failed', {
      ...meta,
      error: ApplicationFailure.retryable('connection reset', 'Fault'),
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines[0]).toMatchObject({
      level: 'warn',
      msg: 'Activity failed',
      transferId: transferIdOf(workflowId),
    });
    expect(JSON.stringify(lines[0])).toMatch(/connection reset/);
    expect(JSON.stringify(lines[0])).not.toMatch(/taskToken/);
  });
});
