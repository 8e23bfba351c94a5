import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboundFetch, OutboundRequestInit } from '@shuzhi/core';
import { fetchFeed } from './feed-fetcher.js';

describe('feeds are fetched through the SSRF guard', () => {
  it('checks every redirect hop: a public feed redirecting to the metadata address is refused', async () => {
    const requested: string[] = [];
    const fakeFetch: OutboundFetch = async (input) => {
      requested.push(String(input));
      return new Response(null, { status: 302, headers: { location: 'http://169.254.169.254/latest/' } });
    };
    await expect(fetchFeed('http://93.184.216.34/feed.xml', { fetch: fakeFetch })).rejects.toMatchObject({
      code: 'forbidden',
    });
    expect(requested).toEqual(['http://93.184.216.34/feed.xml']);
  });

  it('follows public redirects and stops after five', async () => {
    let hops = 0;
    const fakeFetch: OutboundFetch = async () => {
      hops += 1;
      return new Response(null, { status: 301, headers: { location: `/next-${hops}` } });
    };
    await expect(fetchFeed('http://93.184.216.34/feed.xml', { fetch: fakeFetch })).rejects.toMatchObject({
      code: 'unavailable',
      message: 'feed http://93.184.216.34/feed.xml: too many redirects',
    });
    expect(hops).toBe(6);
  });

  it('hands each request the addresses its check approved, and asks for redirects not to be followed', async () => {
    const seen: OutboundRequestInit[] = [];
    const fakeFetch: OutboundFetch = async (_input, init = {}) => {
      seen.push(init);
      return new Response('<rss version="2.0"><channel></channel></rss>', { status: 200 });
    };
    await fetchFeed('http://93.184.216.34/feed.xml', { fetch: fakeFetch });
    expect(seen).toMatchObject([
      {
        redirect: 'manual',
        destination: { host: '93.184.216.34', addresses: [{ address: '93.184.216.34', family: 4 }] },
      },
    ]);
  });

  it('refuses a redirect to a URL that is not http or https', async () => {
    const fakeFetch: OutboundFetch = async () =>
      new Response(null, { status: 302, headers: { location: 'file:///etc/passwd' } });
    await expect(fetchFeed('http://93.184.216.34/feed.xml', { fetch: fakeFetch })).rejects.toMatchObject({
      code: 'unavailable',
      message: 'feed http://93.184.216.34/feed.xml: redirected to a URL that is not http or https',
    });
  });

  describe('with the platform’s own HTTP client', () => {
    let server: Server;
    let port: number;
    let requests = 0;
    beforeAll(async () => {
      server = createServer((request, response) => {
        requests += 1;
        response.writeHead(200, { 'content-type': 'application/rss+xml' });
        // `/stalls` sends the start of a feed and then nothing more.
        if (request.url === '/stalls') response.write('<rss version="2.0"><channel>');
        else response.end('<rss version="2.0"/>');
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      port = (server.address() as AddressInfo).port;
    });
    afterAll(async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    });

    it('refuses a feed whose name resolves to the loopback before connecting, unless allowed', async () => {
      await expect(fetchFeed(`http://localhost:${port}/feed.xml`)).rejects.toMatchObject({
        code: 'forbidden',
        message: expect.stringContaining(`feed http://localhost:${port}/feed.xml: localhost is a private`),
      });
      expect(requests).toBe(0);
      const allowed = await fetchFeed(`http://localhost:${port}/feed.xml`, { allowPrivateAddresses: true });
      expect(allowed).toMatchObject({ status: 'ok', body: '<rss version="2.0"/>' });
      expect(requests).toBe(1);
    });

    it('reports a feed that stops sending within the time limit as timed out, without its body', async () => {
      await expect(
        fetchFeed(`http://127.0.0.1:${port}/stalls`, { allowPrivateAddresses: true, timeoutMs: 200 }),
      ).rejects.toMatchObject({
        code: 'unavailable',
        message: `feed http://127.0.0.1:${port}/stalls: timed out while reading`,
      });
    });
  });
});
