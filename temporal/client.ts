/** The Temporal client factory the API and tools use. */
import { Client, Connection } from '@temporalio/client';
import { clientTracingInterceptors } from './tracing';

export async function createTemporalClient(options: { address: string; namespace: string }): Promise<Client> {
  const connection = await Connection.connect({ address: options.address });
  // Tracing interceptors carry the caller's trace into the workflow (temporal/tracing.ts).
  return new Client({
    connection,
    namespace: options.namespace,
    interceptors: { workflow: clientTracingInterceptors() },
  });
}
