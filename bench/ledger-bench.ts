/**
 * Ledger throughput benchmark (`npm run bench -- ledger`).
 *
 * Measures ledger postings per second at several client concurrencies and, in the same run on
 * the same database and in alternating slices, the rate of the simplest durable write PostgreSQL can do: a single-row
 * autocommit `UPDATE` (one row per client, so clients never contend). That rate is our limit;
 * the goal is ledger postings at >= 40% of it.
 *
 * One "posting" is one call of the ledger's public API that commits one balanced posting:
 * each client loops `placeHold` (wallet -> holds, plus the hold row) then `settleHoldToUser`
 * (holds -> recipient wallet, closing the hold), i.e. two postings per P2P transfer. Every
 * client has its own sender and recipient wallet; the system accounts are shared, as in
 * production. Both workloads go through the same Prisma client and pool size, so the client
 * overhead is the same on both sides.
 *
 * Where pgbench is installed, each level is also run inside PostgreSQL alone: the same ledger
 * calls and the same UPDATE as pgbench scripts, with no application client. That second ratio
 * shows what the database does per posting against its cheapest write, without the Node and
 * Prisma overhead that both sides of the first comparison pay.
 *
 * Runs against a dedicated database (created, migrated, audited and dropped here).
 */
import { randomUUID } from 'node:crypto';
import { execSync } from 'node:child_process';
import os from 'node:os';
import { auditLedger } from '../ledger/audit';
import { createLedger } from '../ledger/ledger';
import { createDatabase, type Database } from '../prisma/client';
import { migrate } from '../prisma/migrate';
import { dropDatabase, ensureDatabase, findOrStartPostgres } from '../prisma/provision';
import { findPgbench, pgbenchRate } from './pgbench';
import { percentile } from './percentile';
import { writeBenchmarkSection } from './report';

/** Measured time per workload per concurrency level. */
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 8_000);
/**
 * The measured time is split into this many alternating slices of each workload, so both face
 * the same machine (a 2-core VM whose speed drifts between seconds) and their ratio is stable.
 */
const ROUNDS = 4;
/** Untimed warm-up per workload per level (connections opened, plans cached). */
const WARMUP_MS = 500;
const CONCURRENCY_LEVELS = (process.env.BENCH_CONCURRENCY ?? '1,8,32,64').split(',').map(Number);
/** Hard bound on iterations per client per phase, in case the clock misbehaves. */
const ITERATIONS_PER_CLIENT_MAX = 1_000_000;
const GOAL_RATIO = 0.4;
const SENDER_FUNDS_MINOR = 10n ** 13n;
const CURRENCY = 'EUR';

interface Measurement {
  concurrency: number;
  ledgerPostingsPerSecond: number;
  ledgerP99Ms: number;
  updatesPerSecond: number;
  updateP99Ms: number;
  /** The same two workloads run by pgbench inside PostgreSQL; absent without pgbench. */
  database?: { ledgerPostingsPerSecond: number; updatesPerSecond: number };
}

export async function run(): Promise<void> {
  const levels = CONCURRENCY_LEVELS.filter((level) => Number.isInteger(level) && level > 0);
  if (levels.length === 0 || !(DURATION_MS > 0))
    throw new Error('BENCH_CONCURRENCY and BENCH_DURATION_MS must be positive');
  const postgres = await findOrStartPostgres({
    dataDir: '.data/bench',
    preferLocalServer: true,
    log: console.log,
  });
  const databaseName = `kizo_bench_${process.pid}_${Date.now().toString(36)}`;
  const databaseUrl = await ensureDatabase(postgres.adminUrl, databaseName);
  try {
    await migrate(databaseUrl);
    const clients = Math.max(...levels);
    const pairs = await prepare(databaseUrl, clients);
    const pgbench = findPgbench();
    if (!pgbench) console.log('pgbench not found: the comparison inside PostgreSQL is skipped');
    const results: Measurement[] = [];
    for (const concurrency of levels) {
      const row = await throughOurClient(databaseUrl, concurrency, pairs);
      // After the Node clients have closed their connections: both together could exceed max_connections.
      if (pgbench) row.database = await insidePostgres(pgbench, databaseUrl, concurrency);
      console.log(
        `clients=${concurrency} ledger=${row.ledgerPostingsPerSecond.toFixed(0)} postings/s ` +
          `update=${row.updatesPerSecond.toFixed(0)}/s ratio=${percent(row)}` +
          (row.database
            ? ` inside PostgreSQL: ledger=${row.database.ledgerPostingsPerSecond.toFixed(0)} update=${row.database.updatesPerSecond.toFixed(0)}`
            : ''),
      );
      results.push(row);
    }
    const audit = await withDatabase(databaseUrl, (db) => auditLedger(db));
    const failed = audit.checks.filter((check) => !check.ok).map((check) => check.name);
    if (failed.length > 0)
      throw new Error(`the ledger audit failed after the benchmark: ${failed.join('; ')}`);
    console.log(`audit clean over ${await withDatabase(databaseUrl, (db) => db.posting.count())} postings`);
    await writeBenchmarkSection('ledger', render(results, await describeMachine(databaseUrl)));
    console.log('wrote the ledger section of BENCHMARKS.md');
  } finally {
    await dropDatabase(postgres.adminUrl, databaseName);
    await postgres.stop();
  }
}

/** Both workloads through the ledger's own Node client (Prisma), alternating in slices. */
async function throughOurClient(
  databaseUrl: string,
  concurrency: number,
  pairs: { senderId: string; recipientId: string }[],
): Promise<Measurement> {
  const db = createDatabase(databaseUrl, { poolSize: concurrency });
  try {
    const { ledger, update } = await alternate(
      () => measure(db, concurrency, (client) => ledgerWorkload(db, pairs[client]!), DURATION_MS / ROUNDS),
      () => measure(db, concurrency, (client) => updateWorkload(db, client), DURATION_MS / ROUNDS),
    );
    return {
      concurrency,
      ledgerPostingsPerSecond: (ledger.latenciesMs.length * 2) / ledger.seconds,
      ledgerP99Ms: percentile(ledger.latenciesMs, 0.99, 0),
      updatesPerSecond: update.latenciesMs.length / update.seconds,
      updateP99Ms: percentile(update.latenciesMs, 0.99, 0),
    };
  } finally {
    await db.$disconnect();
  }
}

/**
 * The two workloads as pgbench scripts: the very statements `createLedger` sends (a fresh
 * transfer id per pair, derived from a random number and the client), and the same UPDATE.
 * Each client finds its sender and recipient in bench_pairs, as the Node clients hold theirs.
 */
const PGBENCH_LEDGER = `\\set n random(1, 1000000000000000)
SELECT posting_id, created FROM ledger_place_hold(md5(:n || '-' || :client_id)::uuid, (SELECT sender_id FROM bench_pairs WHERE client = :client_id), '${CURRENCY}', 1);
SELECT posting_id, created FROM ledger_resolve_hold(md5(:n || '-' || :client_id)::uuid, 'SETTLED', ledger_wallet_id((SELECT recipient_id FROM bench_pairs WHERE client = :client_id), '${CURRENCY}'));
`;
const PGBENCH_UPDATE = 'UPDATE bench_counters SET value = value + 1 WHERE id = :client_id;\n';

/** Both workloads inside PostgreSQL, alternating as the Node measurement does (fewer, whole-second slices). */
async function insidePostgres(
  pgbench: string,
  databaseUrl: string,
  clients: number,
): Promise<NonNullable<Measurement['database']>> {
  const sliceSeconds = Math.max(1, Math.round(DURATION_MS / ROUNDS / 1000));
  const rates = { ledger: [] as number[], update: [] as number[] };
  for (let round = 0; round < ROUNDS / 2; round += 1) {
    // A script run is one hold and one settle: two postings.
    rates.ledger.push(2 * (await pgbenchRate(pgbench, databaseUrl, PGBENCH_LEDGER, clients, sliceSeconds)));
    rates.update.push(await pgbenchRate(pgbench, databaseUrl, PGBENCH_UPDATE, clients, sliceSeconds));
  }
  const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
  return { ledgerPostingsPerSecond: mean(rates.ledger), updatesPerSecond: mean(rates.update) };
}

/** One sender (funded) and one recipient per client, and one counter row per client. */
async function prepare(
  databaseUrl: string,
  clients: number,
): Promise<{ senderId: string; recipientId: string }[]> {
  return withDatabase(databaseUrl, async (db) => {
    const ledger = createLedger(db);
    await db.$executeRawUnsafe('CREATE TABLE bench_counters (id integer PRIMARY KEY, value bigint NOT NULL)');
    await db.$executeRaw`INSERT INTO bench_counters SELECT g, 0 FROM generate_series(0, ${clients - 1}::int) g`;
    await db.$executeRawUnsafe(
      'CREATE TABLE bench_pairs (client integer PRIMARY KEY, sender_id uuid NOT NULL, recipient_id uuid NOT NULL)',
    );
    const pairs: { senderId: string; recipientId: string }[] = [];
    for (let client = 0; client < clients; client += 1) {
      const [senderId, recipientId] = [randomUUID(), randomUUID()];
      await db.user.createMany({
        data: [senderId, recipientId].map((id) => ({
          id,
          email: `${id}@bench.test`,
          handle: id,
          passwordHash: 'bench',
        })),
      });
      await ledger.creditFromBank({
        transferId: randomUUID(),
        userId: senderId,
        currency: CURRENCY,
        amountMinor: SENDER_FUNDS_MINOR,
      });
      // Creating the recipient wallet up front keeps account creation out of the timed loop.
      await db.$queryRaw`SELECT ledger_wallet_id(${recipientId}::uuid, ${CURRENCY})`;
      await db.$executeRaw`INSERT INTO bench_pairs VALUES (${client}::int, ${senderId}::uuid, ${recipientId}::uuid)`;
      pairs.push({ senderId, recipientId });
    }
    return pairs;
  });
}

function ledgerWorkload(db: Database, pair: { senderId: string; recipientId: string }): () => Promise<void> {
  const ledger = createLedger(db);
  return async () => {
    const transferId = randomUUID();
    await ledger.placeHold({ transferId, userId: pair.senderId, currency: CURRENCY, amountMinor: 1n });
    await ledger.settleHoldToUser({ transferId, recipientUserId: pair.recipientId, currency: CURRENCY });
  };
}

function updateWorkload(db: Database, client: number): () => Promise<void> {
  return async () => {
    await db.$executeRaw`UPDATE bench_counters SET value = value + 1 WHERE id = ${client}::int`;
  };
}

/** One measured stretch: its length and the latency of each operation it completed. */
interface Measured {
  seconds: number;
  latenciesMs: number[];
}

/** Runs the two measurements in ROUNDS alternating slices and adds up each one's slices. */
async function alternate(
  ledgerSlice: () => Promise<Measured>,
  updateSlice: () => Promise<Measured>,
): Promise<{ ledger: Measured; update: Measured }> {
  const slices: { ledger: Measured[]; update: Measured[] } = { ledger: [], update: [] };
  for (let round = 0; round < ROUNDS; round += 1) {
    slices.ledger.push(await ledgerSlice());
    slices.update.push(await updateSlice());
  }
  const total = (parts: Measured[]): Measured => ({
    seconds: parts.reduce((sum, part) => sum + part.seconds, 0),
    latenciesMs: parts.flatMap((part) => part.latenciesMs),
  });
  return { ledger: total(slices.ledger), update: total(slices.update) };
}

/** Runs `concurrency` clients looping their operation: a warm-up, then `durationMs` measured. */
async function measure(
  db: Database,
  concurrency: number,
  workload: (client: number) => () => Promise<void>,
  durationMs: number,
): Promise<Measured> {
  const operations = Array.from({ length: concurrency }, (_unused, client) => workload(client));
  await db.$queryRaw`SELECT 1`;
  const loop = async (operation: () => Promise<void>, untilMs: number, latenciesMs: number[] | null) => {
    for (
      let iteration = 0;
      iteration < ITERATIONS_PER_CLIENT_MAX && performance.now() < untilMs;
      iteration += 1
    ) {
      const startedMs = performance.now();
      await operation();
      latenciesMs?.push(performance.now() - startedMs);
    }
  };
  const warmUntilMs = performance.now() + WARMUP_MS;
  await Promise.all(operations.map((operation) => loop(operation, warmUntilMs, null)));
  const latenciesMs: number[] = [];
  const startedMs = performance.now();
  await Promise.all(operations.map((operation) => loop(operation, startedMs + durationMs, latenciesMs)));
  return { seconds: (performance.now() - startedMs) / 1000, latenciesMs };
}

async function withDatabase<T>(databaseUrl: string, use: (db: Database) => Promise<T>): Promise<T> {
  const db = createDatabase(databaseUrl, { poolSize: 4 });
  try {
    return await use(db);
  } finally {
    await db.$disconnect();
  }
}

async function describeMachine(databaseUrl: string): Promise<string> {
  const version = await withDatabase(databaseUrl, async (db) => {
    const rows = await db.$queryRaw<{ version: string; synchronous_commit: string }[]>`
      SELECT current_setting('server_version') AS version, current_setting('synchronous_commit') AS synchronous_commit`;
    return rows[0];
  });
  const cpuModel = os.cpus()[0]?.model ?? 'unknown CPU';
  let nproc = String(os.availableParallelism());
  try {
    nproc = execSync('nproc', { encoding: 'utf8' }).trim();
  } catch {
    // `nproc` is coreutils; availableParallelism is the same number where it is missing.
  }
  return [
    `- Date: ${new Date().toISOString()}`,
    `- Machine: \`nproc\` = ${nproc} (${cpuModel}), memory ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, shared with other work`,
    `- PostgreSQL ${version?.version ?? '?'} (synchronous_commit = ${version?.synchronous_commit ?? '?'}), Node ${process.version}`,
  ].join('\n');
}

function percent(row: { ledgerPostingsPerSecond: number; updatesPerSecond: number }): string {
  return `${((row.ledgerPostingsPerSecond / row.updatesPerSecond) * 100).toFixed(0)}%`;
}

function render(results: Measurement[], machine: string): string {
  const table = results.map(
    (row) =>
      `| ${row.concurrency} | ${row.ledgerPostingsPerSecond.toFixed(0)} | ${row.ledgerP99Ms.toFixed(1)} | ` +
      `${row.updatesPerSecond.toFixed(0)} | ${row.updateP99Ms.toFixed(1)} | ${percent(row)} | ` +
      `${row.ledgerPostingsPerSecond / row.updatesPerSecond >= GOAL_RATIO ? 'yes' : 'NO'} |`,
  );
  return [
    'Command: `npm run bench -- ledger` (knobs: `BENCH_DURATION_MS`, default 8000; `BENCH_CONCURRENCY`, default `1,8,32,64`).',
    '',
    machine,
    '',
    'One posting = one committed ledger call: each client loops `placeHold` then `settleHoldToUser`',
    '(two postings per P2P transfer, own sender and recipient wallet per client, shared system accounts).',
    'The limit is a single-row autocommit `UPDATE` (one row per client) through the same Prisma client and pool.',
    `Each level alternates the two workloads in ${ROUNDS} slices each (after a short warm-up per slice), so both run on the same machine state.`,
    `Goal: ledger postings/s >= ${GOAL_RATIO * 100}% of the limit. p99 is per ledger call pair (hold + settle) and per UPDATE.`,
    '',
    '| clients | ledger postings/s | ledger p99 ms (pair) | UPDATE/s (limit) | UPDATE p99 ms | ledger / limit | goal met |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | :---: |',
    ...table,
    '',
    ...insidePostgresTable(results),
  ].join('\n');
}

function insidePostgresTable(results: Measurement[]): string[] {
  const rows = results.flatMap((row) =>
    row.database
      ? [
          `| ${row.concurrency} | ${row.database.ledgerPostingsPerSecond.toFixed(0)} | ${row.database.updatesPerSecond.toFixed(0)} | ${percent(row.database)} |`,
        ]
      : [],
  );
  if (rows.length === 0) return ['Inside PostgreSQL: not measured (pgbench not found).'];
  return [
    '**Inside PostgreSQL** (pgbench running the same ledger statements and the same UPDATE on the same database, prepared, no application client, alternating halves of the same time):',
    '',
    '| clients | ledger postings/s | UPDATE/s | ledger / UPDATE |',
    '| ---: | ---: | ---: | ---: |',
    ...rows,
  ];
}
