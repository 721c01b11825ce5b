/**
 * Goal: `./kizo up` keeps what it started running. A process that crashes after it started is
 * started again, after a pause that doubles; one that cannot start at all stops everything;
 * stopping ends the restarts. Real child processes (node -e), short timings.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { stopChild } from '../temporal/dev-server';
import { createSupervisor } from './supervisor';

const until = async (check: () => boolean, timeoutMs = 10_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};

describe('the ./kizo up supervisor', () => {
  it('restarts a crashed process with a growing pause, and stops restarting when stopped', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'kizo-supervisor-'));
    const starts = path.join(folder, 'starts');
    writeFileSync(starts, '');
    // Each run records its start, lives 150 ms (past the grace below), then crashes.
    const script = `require('fs').appendFileSync(${JSON.stringify(starts)}, 'x'); setTimeout(() => process.exit(3), 150);`;
    const lines: string[] = [];
    const failed: string[] = [];
    const supervisor = createSupervisor({
      log: (line) => lines.push(line),
      onFailedStart: (name) => failed.push(name),
      startGraceMs: 100,
      restartMinMs: 50,
      restartMaxMs: 400,
    });
    const worker = supervisor.start('worker', process.execPath, ['-e', script], {});
    await until(() => worker.restarts() >= 3);
    expect(readFileSync(starts, 'utf8').length).toBeGreaterThanOrEqual(3);
    expect(failed).toEqual([]);
    // How long it was up depends on how fast this machine starts node: not what is tested here.
    expect(lines[0]).toMatch(/^worker exited \(3\) after \d+ s; restarting in 0.05 s \(restart 1\)$/);
    expect(lines[1]).toMatch(/restarting in 0.1 s \(restart 2\)/);
    expect(lines[2]).toMatch(/restarting in 0.2 s \(restart 3\)/);
    await Promise.all(supervisor.stopAll().map((child) => stopChild(child)));
    const stoppedAt = readFileSync(starts, 'utf8').length;
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(readFileSync(starts, 'utf8').length).toBe(stoppedAt);
  });

  it('stops everything when a process cannot start', async () => {
    const failed: Array<[string, number | null]> = [];
    const supervisor = createSupervisor({
      log: () => {},
      onFailedStart: (name, code) => failed.push([name, code]),
      startGraceMs: 5_000,
    });
    const api = supervisor.start('api', process.execPath, ['-e', 'process.exit(2)'], {});
    await until(() => failed.length > 0);
    expect(failed).toEqual([['api', 2]]);
    expect(api.restarts()).toBe(0);
    supervisor.stopAll();
  });
});
