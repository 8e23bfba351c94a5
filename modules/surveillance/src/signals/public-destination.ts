/**
 * Server-side request forgery guard for the feeds the server fetches on a user's behalf: a feed URL must
 * lead to a public address, not to the loopback, the private networks (RFC 1918, RFC 4193), link-local
 * (cloud metadata at 169.254.169.254), carrier-grade NAT or multicast ranges. Checked before every request
 * and every redirect hop. (A DNS answer that changes between the check and the connection is not caught;
 * a deployment that needs that also filters egress at the network.)
 */
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { AppError } from '@shuzhi/core';

const blocked = new BlockList();
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
  ['224.0.0.0', 3],
] as const)
  blocked.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 127],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  blocked.addSubnet(network, prefix, 'ipv6');

/** True when the address is one a fetch on a user's behalf must not reach. */
export function isNonPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return blocked.check(address, 'ipv4');
  if (family !== 6) return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  return mapped ? blocked.check(mapped, 'ipv4') : blocked.check(address, 'ipv6');
}

/** Throws `forbidden` when the URL's host is, or resolves to, a non-public address. */
export async function assertPublicDestination(url: URL): Promise<void> {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const addresses = isIP(host)
    ? [host]
    : await lookup(host, { all: true }).then(
        (found) => found.map((a) => a.address),
        () => [] as string[],
      );
  if (addresses.length === 0) throw new AppError('unavailable', `feed ${url.href}: host not found`);
  if (addresses.some(isNonPublicAddress))
    throw new AppError(
      'forbidden',
      `feed ${url.href}: ${host} is a private or local address; feeds must be public (SHUZHI_ALLOW_PRIVATE_OUTBOUND)`,
      { issues: [{ field: 'url', reason: 'private or local address' }] },
    );
}
