import { Agent, request as httpRequest } from 'node:http';

/** One exchange of the load, as the client saw it. */
export interface Exchange {
  path: string;
  /** Epoch ms when the request was handed to the socket, and when the answer (or the error) came. */
  sentAt: number;
  doneAt: number;
  status?: number;
  /** The answer's `Connection` header (`keep-alive`, `close`). */
  connection?: string;
  traceresponse?: string;
  body?: string;
  /** The error's code when there was no complete answer (`ECONNREFUSED`, `ECONNRESET`...). */
  error?: string;
  /** Whether the request went out on a socket that had carried an earlier exchange. */
  reusedSocket: boolean;
  /** Whether the request's bytes were written to a connected socket (false: refused before being sent). */
  written: boolean;
}

export interface KeepAliveLoadOptions {
  baseUrl: string;
  /** Paths taken in turn by each connection. */
  paths: readonly string[];
  /** Connections kept open, each sending its next request as soon as it read the previous answer. */
  connections: number;
  /** Pause between two requests of one connection (0: back to back). */
  pauseMs?: number;
}

/**
 * A keep-alive load whose every exchange is recorded, so that a test knows precisely which
 * requests were answered, which were refused before being written (a listener already closed)
 * and which were cut off after being written (a reset): what autocannon only counts together.
 * A connection that meets ECONNREFUSED waits 50 ms and tries again, until `stop()`.
 */
export class KeepAliveLoad {
  readonly exchanges: Exchange[] = [];
  private readonly agent: Agent;
  private running = true;
  private readonly loops: Promise<void>[];

  constructor(private readonly options: KeepAliveLoadOptions) {
    this.agent = new Agent({ keepAlive: true, maxSockets: options.connections });
    this.loops = Array.from({ length: options.connections }, (_, i) => this.loop(i));
  }

  /** Stops sending and resolves once every connection's last exchange ended. */
  async stop(): Promise<Exchange[]> {
    this.running = false;
    await Promise.all(this.loops);
    this.agent.destroy();
    return this.exchanges;
  }

  private async loop(index: number): Promise<void> {
    let turn = index;
    while (this.running) {
      const path = this.options.paths[turn++ % this.options.paths.length];
      const exchange = await this.exchange(path);
      this.exchanges.push(exchange);
      const pause = exchange.error === 'ECONNREFUSED' ? 50 : (this.options.pauseMs ?? 0);
      if (pause > 0) await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }

  private exchange(path: string): Promise<Exchange> {
    return new Promise((resolve) => {
      const record: Exchange = { path, sentAt: Date.now(), doneAt: 0, reusedSocket: false, written: false };
      const done = (): void => {
        record.doneAt = Date.now();
        resolve(record);
      };
      const req = httpRequest(`${this.options.baseUrl}${path}`, { agent: this.agent, timeout: 15_000 }, (res) => {
        record.status = res.statusCode;
        record.connection = res.headers.connection;
        record.traceresponse = res.headers.traceresponse as string | undefined;
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => {
          record.body = body;
          done();
        });
        res.on('error', (error: NodeJS.ErrnoException) => {
          record.status = undefined;
          record.error = error.code ?? error.message;
          done();
        });
      });
      req.on('socket', (socket) => {
        record.reusedSocket = req.reusedSocket;
        if (!socket.connecting) record.written = true;
        else socket.once('connect', () => (record.written = true));
      });
      req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })));
      req.on('error', (error: NodeJS.ErrnoException) => {
        record.error = error.code ?? error.message;
        done();
      });
      req.end();
    });
  }
}
