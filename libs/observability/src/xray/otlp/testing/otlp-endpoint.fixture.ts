import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as it crossed the wire. */
export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/**
 * How the fake answers one request: a status with headers and a body (after `delayMs`), never
 * (`silent`), or by cutting the connection (`reset`, as a server that closed a pooled connection).
 */
export type ScriptedAnswer =
  | { status: number; headers?: Record<string, string>; body?: string | Uint8Array; delayMs?: number }
  | 'silent'
  | 'reset';

/**
 * A stand-in for X-Ray's OTLP endpoint on a loopback port: it keeps every request (method, path,
 * headers, body) and answers from a script, one entry per request, then 200 with an empty body (an
 * OTLP answer with nothing rejected).
 */
export class FakeOtlpEndpoint {
  readonly requests: ReceivedRequest[] = [];
  /** When each request ended arriving (Date.now()). */
  readonly arrivals: number[] = [];
  /** TCP connections accepted. */
  connections = 0;
  private readonly script: ScriptedAnswer[] = [];

  private constructor(private readonly server: Server) {}

  static async start(): Promise<FakeOtlpEndpoint> {
    const fake: FakeOtlpEndpoint = new FakeOtlpEndpoint(
      createServer((request, response) => {
        const chunks: Buffer[] = [];
        request.on('data', (chunk: Buffer) => chunks.push(chunk));
        request.on('end', () => {
          fake.arrivals.push(Date.now());
          fake.requests.push({
            method: request.method ?? '',
            path: request.url ?? '',
            headers: request.headers,
            body: Buffer.concat(chunks),
          });
          fake.answer(response);
        });
      }),
    );
    fake.server.on('connection', () => (fake.connections += 1));
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  /** The URL to export to (`/v1/traces` on this server). */
  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1/traces`;
  }

  /** Answers the next requests with these, in order. */
  answerWith(...answers: ScriptedAnswer[]): void {
    this.script.push(...answers);
  }

  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }

  private answer(response: ServerResponse): void {
    const next = this.script.shift() ?? { status: 200 };
    if (next === 'silent') return; // the connection stays open, unanswered, until close()
    if (next === 'reset') return void response.socket?.destroy();
    setTimeout(() => {
      response.writeHead(next.status, next.headers ?? { 'content-type': 'application/x-protobuf' });
      response.end(next.body ?? '');
    }, next.delayMs ?? 0);
  }
}
