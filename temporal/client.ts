/** The Temporal client factory the API and tools use. */
import { Client, Connection } from '@temporalio/client';

export async function createTemporalClient(options: { address: string; namespace: string }): Promise<Client> {
  const connection = await Connection.connect({ address: options.address });
  return new Client({ connection, namespace: options.namespace });
}
