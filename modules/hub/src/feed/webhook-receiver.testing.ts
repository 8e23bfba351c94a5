/** Tests of outbound webhooks: a receiver on 127.0.0.1 that accepts on one path and redirects `/moved` to it. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export class WebhookReceiver {
  /** The paths requested, in order. */
  paths: string[] = [];
  private server: Server | null = null;

  constructor(private readonly acceptPath: string) {}

  /** Listens on a free port of 127.0.0.1 and returns it. */
  async start(): Promise<number> {
    this.server = createServer((request, response) => {
      this.paths.push(request.url ?? '');
      request.resume();
      if (request.url === '/moved') response.writeHead(307, { location: this.acceptPath }).end();
      else response.writeHead(204).end();
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}
