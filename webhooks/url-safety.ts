/**
 * Where Kizo may send webhooks: HTTPS to a public address. A URL naming, or a host resolving
 * to, a loopback, private, link-local or otherwise internal address is refused (no requests
 * into our own network on an attacker's behalf), unless `allowPrivate` (development and
 * tests, WEBHOOK_ALLOW_PRIVATE_URLS). Checked at registration and again at every delivery,
 * since DNS can change.
 */
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

const INTERNAL = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  INTERNAL.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  // IPv4-compatible (::a.b.c.d, with :: and ::1), NAT64 (well-known and local-use) and 6to4
  // reach IPv4 hosts, internal ones among them, through an IPv6 address.
  ['::', 96],
  ['64:ff9b::', 96],
  ['64:ff9b:1::', 48],
  ['2002::', 16],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['::ffff:0:0', 96],
] as const)
  INTERNAL.addSubnet(network, prefix, 'ipv6');

export class UnsafeWebhookUrl extends Error {}

function isInternal(address: string): boolean {
  return INTERNAL.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');
}

/** The URL's problem for registration (no DNS here), or null. */
export function webhookUrlProblem(url: string, allowPrivate: boolean): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'not a URL';
  }
  if (parsed.username || parsed.password) return 'a URL with credentials in it';
  if (parsed.protocol !== 'https:' && !(allowPrivate && parsed.protocol === 'http:')) return 'use https://';
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  if (
    !allowPrivate &&
    (host === 'localhost' || host.endsWith('.localhost') || (isIP(host) !== 0 && isInternal(host)))
  )
    return 'an internal address';
  return null;
}

/** Throws UnsafeWebhookUrl when the URL is refused or its host resolves to an internal address. */
export async function assertDeliverable(url: string, allowPrivate: boolean): Promise<void> {
  const problem = webhookUrlProblem(url, allowPrivate);
  if (problem) throw new UnsafeWebhookUrl(problem);
  if (allowPrivate) return;
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host) !== 0 ? [{ address: host }] : await lookup(host, { all: true });
  if (addresses.some(({ address }) => isInternal(address)))
    throw new UnsafeWebhookUrl(`${host} resolves to an internal address`);
}
