/**
 * `npm run bench -- live`: how long a P2P payment takes to reach the recipient's open live
 * stream (GET /v1/events) on the whole system as separate processes (API, worker, bank;
 * embedded PostgreSQL; Temporal dev server). A sender pays a recipient one transfer at a time,
 * paced; for each, the time from sending the POST to the `transfer.received` event, and from
 * the API's 202 answer to it. Ends with the ledger audit.
 */
import { randomUUID } from 'node:crypto';
import { cpus, totalmem } from 'node:os';
import { auditLedger } from '../ledger/audit';
import { createDatabase } from '../prisma/client';
import { ProcessStack, sleep } from '../scripts/stack';
import { ApiClient } from '../test/support/api-client';
import { EventStream } from '../test/support/event-stream';
import { percentile } from './percentile';
import { writeBenchmarkSection } from './report';

const TRANSFERS = Number(process.env.BENCH_LIVE_TRANSFERS ?? 300);
const PACE_MS = Number(process.env.BENCH_LIVE_PACE_MS ?? 50);

export async function run(): Promise<void> {
  const stack = await new ProcessStack({
    environment: { LOG_LEVEL: 'error', MONEY_REQUESTS_PER_USER_PER_MINUTE_MAX: '1000000' },
    log: (line) => console.log(`[stack] ${line}`),
  }).start();
  const db = createDatabase(stack.databaseUrl);
  try {
    const sender = await new ApiClient(stack.apiUrl).signUp('live_sender');
    const recipient = await new ApiClient(stack.apiUrl).signUp('live_recipient');
    const deposit = await sender.moveUntilAnswered('/v1/deposits', {
      amountMinor: '1000000',
      currency: 'EUR',
    });
    await sender.waitFinal(deposit.body.id, 60_000);
    const { stream } = await EventStream.open(
      (init) => fetch(`${stack.apiUrl}/v1/events`, init),
      recipient.accessToken,
    );
    if (!stream) throw new Error('the live stream did not open');

    const fromSend: number[] = [];
    const fromAnswer: number[] = [];
    for (let index = 0; index < TRANSFERS; index += 1) {
      const sent = performance.now();
      const answer = await sender.move(
        '/v1/transfers',
        { amountMinor: '1', currency: 'EUR', recipient: recipient.handle },
        randomUUID(),
      );
      const answered = performance.now();
      if (answer.status !== 202) throw new Error(`transfer answered ${answer.status}`);
      await stream.next(
        (event) => event.event === 'transfer.received' && event.data.transferId === answer.body.id,
        10_000,
      );
      const arrived = performance.now();
      fromSend.push(arrived - sent);
      fromAnswer.push(arrived - answered);
      await sleep(PACE_MS);
    }
    stream.close();
    const audit = await auditLedger(db);
    const row = (name: string, values: number[]) =>
      `| ${name} | ${percentile(values, 0.5).toFixed(1)} | ${percentile(values, 0.9).toFixed(1)} | ${percentile(values, 0.99).toFixed(1)} | ${Math.max(...values).toFixed(1)} |`;
    await writeBenchmarkSection(
      'live',
      [
        `Command: \`npm run bench -- live\` (BENCH_LIVE_TRANSFERS=${TRANSFERS}, BENCH_LIVE_PACE_MS=${PACE_MS}). Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB. Date: ${new Date().toISOString().slice(0, 10)}.`,
        '',
        `${TRANSFERS} P2P payments, one at a time, each to a recipient whose live stream (GET /v1/events, server-sent events fed by the outbox and LISTEN/NOTIFY) is open; the time until the \`transfer.received\` event arrived, in ms:`,
        '',
        '| measured from | p50 | p90 | p99 | max |',
        '| --- | ---: | ---: | ---: | ---: |',
        row('sending the POST', fromSend),
        row("the API's 202 answer", fromAnswer),
        '',
        `Ledger audit after the run: ${audit.ok ? 'clean' : 'NOT CLEAN'}.`,
      ].join('\n'),
    );
    console.log(
      `live: p50 ${percentile(fromSend, 0.5).toFixed(1)} ms, p99 ${percentile(fromSend, 0.99).toFixed(1)} ms from send`,
    );
  } finally {
    await db.$disconnect();
    await stack.stop();
  }
}
