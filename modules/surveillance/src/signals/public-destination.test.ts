import { describe, expect, it } from 'vitest';
import { fetchFeed } from './feed-fetcher.js';
import { assertPublicDestination, isNonPublicAddress } from './public-destination.js';

describe('feeds fetched on a user’s behalf reach public addresses only', () => {
  it('classifies loopback, private, link-local, shared and multicast addresses as non-public', () => {
    for (const address of [
      '127.0.0.1',
      '10.1.2.3',
      '172.20.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '224.0.0.1',
      '::1',
      '::',
      'fd00::1',
      'fe80::1',
      '::ffff:127.0.0.1',
      'not an address',
    ])
      expect(isNonPublicAddress(address), address).toBe(true);
    for (const address of ['93.184.216.34', '202.108.22.5', '172.32.0.1', '2606:2800:220:1::1'])
      expect(isNonPublicAddress(address), address).toBe(false);
  });

  it('refuses a URL naming a local address, and localhost by name', async () => {
    await expect(assertPublicDestination(new URL('http://127.0.0.1:8080/feed'))).rejects.toMatchObject({
      code: 'forbidden',
      issues: [{ field: 'url', reason: 'private or local address' }],
    });
    await expect(assertPublicDestination(new URL('http://[::1]/feed'))).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(assertPublicDestination(new URL('http://localhost/feed'))).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(assertPublicDestination(new URL('http://93.184.216.34/feed'))).resolves.toBeUndefined();
  });

  it('checks every redirect hop: a public feed redirecting to the metadata address is refused', async () => {
    const requested: string[] = [];
    const fakeFetch = (async (input: URL | string) => {
      requested.push(String(input));
      return new Response(null, { status: 302, headers: { location: 'http://169.254.169.254/latest/' } });
    }) as typeof fetch;
    await expect(fetchFeed('http://93.184.216.34/feed.xml', { fetch: fakeFetch })).rejects.toMatchObject({
      code: 'forbidden',
    });
    expect(requested).toEqual(['http://93.184.216.34/feed.xml']);
  });

  it('follows public redirects and stops after five', async () => {
    let hops = 0;
    const fakeFetch = (async () => {
      hops += 1;
      return new Response(null, { status: 301, headers: { location: `/next-${hops}` } });
    }) as typeof fetch;
    await expect(fetchFeed('http://93.184.216.34/feed.xml', { fetch: fakeFetch })).rejects.toMatchObject({
      code: 'unavailable',
      message: 'feed http://93.184.216.34/feed.xml: too many redirects',
    });
    expect(hops).toBe(6);
  });
});
