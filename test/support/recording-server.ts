import {
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';

/** One request a RecordingServer received. */
export interface RecordedRequest {
  method: string;
  /** Path and query, as sent. */
  url: string;
  /** Header names lower-cased, as Node reads them (repeated ones joined with ", "). */
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * A local HTTP server that records every request it receives: a stand-in
 * for the W3C test harness (it answers `{}`), or, given a target, a
 * recording proxy in front of a real service, which shows what crossed the
 * wire into that service.
 */
export class RecordingServer {
  readonly requests: RecordedRequest[] = [];
  /** Base URL of the service to pass requests on to; unset: answer `{}` 200 itself. */
  target?: string;

  private constructor(private readonly server: Server) {}

  static async start(target?: string): Promise<RecordingServer> {
    const server = createServer();
    const recorder = new RecordingServer(server);
    recorder.target = target;
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        const received = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: body.toString() };
        recorder.requests.push(received);
        const to = recorder.target;
        if (!to) {
          res.setHeader('content-type', 'application/json');
          res.end('{}');
          return;
        }
        const { host: _host, ...headers } = req.headers;
        const forwarded = httpRequest(new URL(req.url ?? '/', to), { method: req.method, headers }, (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        });
        forwarded.on('error', () => {
          res.statusCode = 502;
          res.end();
        });
        forwarded.end(body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return recorder;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as { port: number }).port}`;
  }

  /** Forgets what was recorded so far. */
  clear(): void {
    this.requests.length = 0;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}
