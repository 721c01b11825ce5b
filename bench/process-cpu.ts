/**
 * CPU time and memory by process group, read from /proc (Linux), to say where a benchmark's time goes:
 * snapshot before and after a phase, then divide the difference by the work done.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Ticks per second of /proc's utime and stime (USER_HZ; 100 on Linux everywhere we run). */
const TICKS_PER_SECOND = 100;

/** CPU seconds so far per process, with the group each process belongs to. */
export type CpuSnapshot = Map<number, { group: string; seconds: number }>;

/** Names a process by what it is in the Kizo stack; undefined for everything else. */
function groupOf(cmdline: string, selfPid: number, pid: number): string | undefined {
  if (pid === selfPid || /(^|\/)k6 run /.test(cmdline)) return 'load client';
  if (/temporal(\s|$).*server start-dev|temporal server start-dev/.test(cmdline)) return 'Temporal server';
  if (/^postgres|\/postgres(\s|$)|postgres:/.test(cmdline)) return 'PostgreSQL';
  if (cmdline.includes('worker-main')) return 'worker';
  if (cmdline.includes('api/main')) return 'API';
  if (cmdline.includes('bank/main')) return 'bank';
  return undefined;
}

/** The processes of the stack now running, each with its /proc folder and its group. */
function* stackProcesses(): Generator<{ pid: number; group: string }> {
  if (process.platform !== 'linux') return;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ');
      const group = groupOf(cmdline, process.pid, Number(entry));
      if (group) yield { pid: Number(entry), group };
    } catch {
      // The process ended while we read it.
    }
  }
}

/** CPU seconds used so far by each process of the stack. */
export function cpuSnapshot(): CpuSnapshot {
  const totals: CpuSnapshot = new Map();
  for (const { pid, group } of stackProcesses()) {
    try {
      // Fields after the command name (which may hold spaces) start after the last ')'.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ticks = Number(fields[11]) + Number(fields[12]);
      totals.set(pid, { group, seconds: ticks / TICKS_PER_SECOND });
    } catch {
      // The process ended while we read it.
    }
  }
  return totals;
}

/**
 * Milliseconds of CPU per unit of work, by group, between two snapshots. A process that started
 * in between counts whole; one that ended in between is lost (short-lived database backends).
 */
export function cpuPerUnit(before: CpuSnapshot, after: CpuSnapshot, units: number): Map<string, number> {
  const result = new Map<string, number>();
  for (const [pid, { group, seconds }] of after) {
    const used = seconds - (before.get(pid)?.seconds ?? 0);
    result.set(group, (result.get(group) ?? 0) + (1000 * used) / Math.max(units, 1));
  }
  return result;
}

/**
 * Waits until the stack is quiet (its processes together use under `threshold` of a core over
 * a second), at most `timeoutMs`, so a phase does not pay for the background work the last one
 * left (Temporal's visibility and transfer queues, PostgreSQL's checkpoints).
 */
export async function waitQuiet(threshold = 0.15, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const before = cpuSnapshot();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const used = [...cpuPerUnit(before, cpuSnapshot(), 1).entries()]
      .filter(([group]) => group !== 'load client')
      .reduce((sum, [, milliseconds]) => sum + milliseconds, 0);
    if (used / 1000 < threshold) return;
  }
}

/**
 * Memory of each group of the stack in MiB: the proportional set size (PSS, from
 * /proc/<pid>/smaps_rollup), so PostgreSQL's many processes count their shared buffers once.
 */
export function memorySnapshot(): Map<string, number> {
  const totals = new Map<string, number>();
  for (const { pid, group } of stackProcesses()) {
    if (group === 'load client') continue;
    try {
      const pss = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
      if (pss) totals.set(group, (totals.get(group) ?? 0) + Number(pss[1]) / 1024);
    } catch {
      // The process ended while we read it.
    }
  }
  return totals;
}
