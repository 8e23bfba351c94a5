import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboundFetch } from './outbound-fetch.js';
import type { CheckedDestination } from './public-destination.js';

interface Seen {
  method: string;
  url: string;
  host: string;
  body: string;
}

describe('the outbound HTTP client', () => {
  const seen: Seen[] = [];
  let server: Server;
  let port: number;
  /** What the test server at 127.0.0.1 does for each path. */
  const routes: Record<string, (res: ServerResponse) => void> = {
    '/hook': (res) => res.writeHead(204).end(),
    '/moved': (res) => res.writeHead(302, { location: '/elsewhere' }).end(),
    '/elsewhere': (res) => res.writeHead(200).end('followed'),
    '/gzip': (res) =>
      res
        .writeHead(200, { 'content-encoding': 'gzip', 'content-type': 'text/plain; charset=utf-8' })
        .end(gzipSync('株洲市 压缩的正文')),
    '/echo': (res) => res.writeHead(201, { 'x-reply': 'yes' }).end(seen.at(-1)?.body ?? ''),
    '/slow': () => undefined,
  };
  /** 127.0.0.1 as a check would have approved it (in tests the loopback stands in for a public host). */
  const checked = (host: string): CheckedDestination => ({
    host,
    addresses: [{ address: '127.0.0.1', family: 4 }],
  });

  beforeAll(async () => {
    server = createServer((req: IncomingMessage, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        seen.push({ method: req.method ?? '', url: req.url ?? '', host: req.headers.host ?? '', body });
        (routes[req.url ?? ''] ?? ((r: ServerResponse) => r.writeHead(404).end()))(res);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('connects to the checked address, whatever the name resolves to when it connects', async () => {
    // `.invalid` never resolves (RFC 6761): the request can only have reached the server through the
    // address the check handed over, while the Host header still names the host.
    const response = await outboundFetch(`http://rebound.invalid:${port}/hook`, {
      method: 'POST',
      destination: checked('rebound.invalid'),
    });
    expect(response.status).toBe(204);
    expect(seen.at(-1)).toMatchObject({ method: 'POST', url: '/hook', host: `rebound.invalid:${port}` });
  });

  it('checks the destination itself when not handed a check: localhost is refused before connecting', async () => {
    const before = seen.length;
    await expect(outboundFetch(`http://localhost:${port}/hook`)).rejects.toMatchObject({
      code: 'forbidden',
      issues: [{ field: 'url', reason: 'private or local address' }],
    });
    expect(seen.length).toBe(before);
  });

  it('never follows a redirect: the caller gets the 3xx and its Location', async () => {
    const before = seen.length;
    const response = await outboundFetch(`http://127.0.0.1:${port}/moved`, { destination: null });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/elsewhere');
    expect(seen.slice(before).map((s) => s.url)).toEqual(['/moved']);
  });

  it('sends the body and headers, and answers with status, headers and body as fetch does', async () => {
    const response = await outboundFetch(`http://127.0.0.1:${port}/echo`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"event":"测试"}',
      destination: null,
    });
    expect(response.status).toBe(201);
    expect(response.ok).toBe(true);
    expect(response.headers.get('x-reply')).toBe('yes');
    expect(await response.text()).toBe('{"event":"测试"}');
  });

  it('undoes gzip content coding', async () => {
    const response = await outboundFetch(`http://127.0.0.1:${port}/gzip`, { destination: null });
    expect(await response.text()).toBe('株洲市 压缩的正文');
  });

  it('rejects with the signal’s reason when it times out', async () => {
    await expect(
      outboundFetch(`http://127.0.0.1:${port}/slow`, { destination: null, signal: AbortSignal.timeout(50) }),
    ).rejects.toMatchObject({ name: 'TimeoutError' });
  });
});
