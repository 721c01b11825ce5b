/**
 * A workflow that does nothing: the load benchmark runs it on the same server and worker as the
 * transfers, to measure the orchestration limit that transfer throughput is compared with.
 */
export async function noopWorkflow(): Promise<void> {}
