/**
 * Deterministic transfer ids: a UUID (version 5, RFC 9562) of the transfer's workflow id, so
 * every retry of one request names the same transfer in the ledger and at the bank.
 */
import { createHash } from 'node:crypto';

/** Our own namespace UUID for transfer ids. */
const KIZO_TRANSFER_NAMESPACE = '6f1c2a8e-4b7d-5e3f-9a10-2c4d6e8f0a1b';

export function uuidV5(name: string, namespace: string = KIZO_TRANSFER_NAMESPACE): string {
  const namespaceBytes = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1').update(namespaceBytes).update(name, 'utf8').digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function transferIdOf(workflowId: string): string {
  return uuidV5(workflowId);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `text` is a UUID (any version, either case): checked before it reaches a uuid column or the bank. */
export function isUuid(text: string): boolean {
  return UUID.test(text);
}
