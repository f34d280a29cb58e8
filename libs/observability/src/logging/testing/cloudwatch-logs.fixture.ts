import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the fake answers PutLogEvents. */
export type PutLogEventsMode = 'accept' | 'invalid' | 'unavailable' | 'silent';

/**
 * A stand-in for the CloudWatch Logs API (the JSON 1.1 protocol the SDK speaks) on a loopback
 * port, keeping the messages of every accepted event in order, and able to go away (`down()`:
 * connections refused) and come back on the same port (`up()`), or to answer PutLogEvents with a
 * refusal (`invalid`: 400 InvalidParameterException), a 503, or never (`silent`).
 */
export class FakeCloudWatchLogs {
  /** Messages of the events accepted, in the order received. */
  readonly messages: string[] = [];
  /** PutLogEvents calls received (accepted or not), with their number of events. */
  readonly putCalls: number[] = [];
  mode: PutLogEventsMode = 'accept';
  private server: Server;

  private constructor(private port = 0) {
    this.server = this.create();
  }

  static async start(): Promise<FakeCloudWatchLogs> {
    const fake = new FakeCloudWatchLogs();
    await fake.up();
    return fake;
  }

  get endpoint(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Listens (again) on its port. */
  async up(): Promise<void> {
    if (this.server.listening) return;
    this.server = this.create();
    await new Promise<void>((resolve) => this.server.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  /** Stops listening and cuts every connection: calls are refused until up(). */
  async down(): Promise<void> {
    if (!this.server.listening) return;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }

  private create(): Server {
    return createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const action = String(request.headers['x-amz-target'] ?? '').split('.')[1];
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as {
          logStreamNamePrefix?: string;
          logEvents?: Array<{ message: string }>;
        };
        const answer = (status: number, json: object, type?: string): void => {
          response.writeHead(status, {
            'content-type': 'application/x-amz-json-1.1',
            ...(type ? { 'x-amzn-errortype': type } : {}),
          });
          response.end(JSON.stringify(type ? { __type: type, message: `${type} (fake)` } : json));
        };
        if (action === 'DescribeLogStreams') {
          return answer(200, {
            logStreams: body.logStreamNamePrefix ? [{ logStreamName: body.logStreamNamePrefix }] : [],
          });
        }
        if (action !== 'PutLogEvents') return answer(200, {});
        this.putCalls.push(body.logEvents?.length ?? 0);
        if (this.mode === 'invalid') return answer(400, {}, 'InvalidParameterException');
        if (this.mode === 'unavailable') return answer(503, {}, 'ServiceUnavailableException');
        if (this.mode === 'silent') return; // accepts the call, never answers
        this.messages.push(...(body.logEvents ?? []).map((event) => event.message));
        answer(200, { nextSequenceToken: String(this.putCalls.length) });
      });
    });
  }
}
