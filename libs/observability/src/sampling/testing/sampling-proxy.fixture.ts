import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request the fake daemon proxy received. */
export interface ProxyCall {
  path: string;
  body: Record<string, unknown>;
  headers: IncomingMessage['headers'];
}

/**
 * A stand-in for the X-Ray daemon's sampling proxy on a free loopback port.
 * `answer` decides each reply; every call is recorded. Test helper only.
 */
export class FakeSamplingProxy {
  readonly calls: ProxyCall[] = [];
  answer: (call: ProxyCall) => { status?: number; body: unknown } = () => ({ status: 404, body: {} });
  private readonly server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const call = {
        path: request.url ?? '',
        body: JSON.parse(Buffer.concat(chunks).toString() || '{}') as Record<string, unknown>,
        headers: request.headers,
      };
      this.calls.push(call);
      const { status = 200, body } = this.answer(call);
      response
        .writeHead(status, { 'content-type': 'application/json' })
        .end(typeof body === 'string' ? body : JSON.stringify(body));
    });
  });

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
