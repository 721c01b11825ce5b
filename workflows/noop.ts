/**
 * Workflows that do nothing, for the benchmarks only (workflows/bench-index.ts): run on the same
 * server and worker as the transfers, they measure what orchestration alone costs.
 */
import { condition, setHandler } from '@temporalio/workflow';
import { acceptedUpdate, type TransferState } from './definitions';

/** Started and awaited with a plain start: the orchestration limit transfer throughput is compared with. */
export async function noopWorkflow(): Promise<void> {}

/**
 * Answers the `accepted` update at once and ends: started with Update-with-Start, as the API
 * starts a transfer, its round trip is the floor under a transfer's accept latency.
 */
export async function noopUpdateWorkflow(): Promise<void> {
  let answered = false;
  setHandler(acceptedUpdate, () => {
    answered = true;
    return {} as TransferState;
  });
  await condition(() => answered);
}
