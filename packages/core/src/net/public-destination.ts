/**
 * Server-side request forgery guard for every request the server sends to a URL someone registered (news
 * feeds, change-feed webhooks, alert webhooks): the destination must be a public address, not the loopback,
 * the private networks (RFC 1918, RFC 4193), link-local (cloud metadata at 169.254.169.254), carrier-grade
 * NAT or multicast ranges, nor those ranges written as IPv6 (mapped, NAT64, 6to4). The host is resolved once and every answer checked; the request then connects
 * to those very addresses (`outboundFetch`), so a DNS answer that changes in between cannot slip past.
 * `SHUZHI_ALLOW_PRIVATE_OUTBOUND` turns the guard off for deployments whose consumers are internal.
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { AppError } from '../errors.js';

const blockedIpv4 = [
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
] as const;

const blocked = new BlockList();
for (const [network, prefix] of blockedIpv4) {
  // BlockList matches IPv4-mapped IPv6 (::ffff:a.b.c.d) against these rules itself.
  blocked.addSubnet(network, prefix, 'ipv4');
  // The same IPv4 ranges reached through the well-known NAT64 prefix (RFC 6052) and 6to4 (RFC 3056).
  const [high, low] = hextets(network);
  blocked.addSubnet(`64:ff9b::${high}:${low}`, 96 + prefix, 'ipv6');
  blocked.addSubnet(`2002:${high}:${low}::`, 16 + prefix, 'ipv6');
}
for (const [network, prefix] of [
  ['::', 127],
  ['64:ff9b:1::', 48],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  blocked.addSubnet(network, prefix, 'ipv6');

/** An IPv4 address as the two 16-bit groups IPv6 writes it in. */
function hextets(ipv4: string): [string, string] {
  const [a = 0, b = 0, c = 0, d = 0] = ipv4.split('.').map(Number);
  return [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)];
}

/** True when the address is one a request on a user's behalf must not reach. */
export function isNonPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return blocked.check(address, 'ipv4');
  if (family !== 6) return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  return mapped ? blocked.check(mapped, 'ipv4') : blocked.check(address, 'ipv6');
}

/** Addresses a host resolved to, every one checked: the only addresses a request may connect to. */
export interface CheckedDestination {
  host: string;
  addresses: { address: string; family: 4 | 6 }[];
}

/** Resolves a host name to its addresses (tests inject one; the default asks the system resolver). */
export type HostResolver = (host: string) => Promise<string[]>;

export interface DestinationOptions {
  /** `SHUZHI_ALLOW_PRIVATE_OUTBOUND`: nothing is checked, and the request resolves the host as usual. */
  allowPrivateAddresses?: boolean;
  /** What is being reached, for error messages (default the URL): `feed https://…`, `webhook whk_…`. */
  label?: string;
  resolve?: HostResolver;
}

const systemResolver: HostResolver = (host) =>
  dnsLookup(host, { all: true }).then(
    (found) => found.map((a) => a.address),
    () => [],
  );

/** The URL's host without the brackets of an IPv6 literal. */
export function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

/**
 * Resolves the URL's host once and checks every address it resolves to. Throws `forbidden` when one is
 * not public, `unavailable` when the host does not resolve. Returns null when private addresses are
 * allowed: then there is nothing to hold the connection to.
 */
export async function resolveDestination(
  url: URL,
  options: DestinationOptions = {},
): Promise<CheckedDestination | null> {
  if (options.allowPrivateAddresses) return null;
  const host = hostOf(url);
  const label = options.label ?? url.href;
  const addresses = isIP(host) ? [host] : await (options.resolve ?? systemResolver)(host);
  if (addresses.length === 0) throw new AppError('unavailable', `${label}: host not found`);
  if (addresses.some(isNonPublicAddress))
    throw new AppError(
      'forbidden',
      `${label}: ${host} is a private or local address; outbound requests go to public addresses only (SHUZHI_ALLOW_PRIVATE_OUTBOUND)`,
      { issues: [{ field: 'url', reason: 'private or local address' }] },
    );
  return { host, addresses: addresses.map((address) => ({ address, family: isIP(address) === 6 ? 6 : 4 })) };
}

/** Throws `forbidden` when the URL's host is, or resolves to, a non-public address. */
export async function assertPublicDestination(
  url: URL,
  options: Omit<DestinationOptions, 'allowPrivateAddresses'> = {},
): Promise<void> {
  await resolveDestination(url, options);
}

/**
 * The check for a URL an administrator or a consumer sets (a webhook, a subscription): a private or local
 * destination is refused as invalid input naming the record and the field. A host that does not resolve
 * yet is let through: it is checked again before every request.
 */
export async function assertPublicUrlInput(
  url: URL,
  options: Omit<DestinationOptions, 'label'> & { record: string; field?: string },
): Promise<void> {
  const field = options.field ?? 'url';
  try {
    await resolveDestination(url, options);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error.code !== 'forbidden') return;
    const reason = 'private or local address';
    throw new AppError(
      'invalid_input',
      `${options.record}, field ${field}: ${hostOf(url)} is a private or local address (loopback, private network, link-local or cloud metadata); only public destinations are allowed (SHUZHI_ALLOW_PRIVATE_OUTBOUND)`,
      { issues: [{ record: options.record, field, reason }] },
    );
  }
}
