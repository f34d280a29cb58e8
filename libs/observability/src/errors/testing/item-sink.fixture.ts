import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One POST the sink received: the raw JSON text, parsed, and the token header. */
export interface ReceivedItem {
  raw: string;
  data: Record<string, unknown>;
  token: string | undefined;
}

/** A stand-in for Rollbar's item API on a free loopback port, keeping what it receives. */
export class ItemSink {
  readonly items: ReceivedItem[] = [];
  private constructor(private readonly server: Server) {}

  static async start(): Promise<ItemSink> {
    const server = createServer();
    const sink = new ItemSink(server);
    server.on('request', (request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const parsed = JSON.parse(raw) as { data: Record<string, unknown> };
        sink.items.push({
          raw,
          data: parsed.data,
          token: request.headers['x-rollbar-access-token'] as string | undefined,
        });
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ err: 0, result: { id: null, uuid: parsed.data.uuid } }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return sink;
  }

  /** Rollbar's API base on this sink, as the reporter's `endpoint` option wants it. */
  get endpoint(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api/1/`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
