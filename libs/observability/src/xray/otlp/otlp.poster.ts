import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

/** How much of an answer's body is kept (for its error message); the rest is read and dropped. */
export const MAX_KEPT_ANSWER_BYTES = 64 * 1024;

/** What came back from one POST. */
export type PostOutcome =
  | { kind: 'answer'; status: number; headers: IncomingHttpHeaders; body: Buffer }
  | { kind: 'timeout' }
  | { kind: 'network'; error: NodeJS.ErrnoException };

/**
 * POSTs bodies to one OTLP endpoint over node:http or node:https, on a keep-alive agent of its own
 * (an export every few seconds reuses one connection instead of a TLS handshake each time). Each
 * answer is read to its end, so its socket goes back to the pool. Never rejects: every way a POST
 * can end is a {@link PostOutcome}.
 */
export class OtlpPoster {
  private readonly agent: HttpAgent;
  private readonly send: typeof httpRequest;

  constructor(private readonly url: URL) {
    const secure = url.protocol === 'https:';
    this.agent = secure ? new HttpsAgent({ keepAlive: true }) : new HttpAgent({ keepAlive: true });
    this.send = secure ? httpsRequest : httpRequest;
  }

  /** Sends `body` with exactly `headers` (they were signed); gives up `timeoutMs` from now. */
  post(headers: Record<string, string>, body: Uint8Array, timeoutMs: number): Promise<PostOutcome> {
    return new Promise<PostOutcome>((resolve) => {
      let timedOut = false;
      const settle = (outcome: PostOutcome): void => {
        clearTimeout(timer);
        resolve(timedOut ? { kind: 'timeout' } : outcome);
      };
      const failed = (error: NodeJS.ErrnoException): void => settle({ kind: 'network', error });
      const call = this.send(this.url, { method: 'POST', headers, agent: this.agent }, (response) => {
        const kept: Buffer[] = [];
        let keptBytes = 0;
        response.on('data', (chunk: Buffer) => {
          if (keptBytes >= MAX_KEPT_ANSWER_BYTES) return;
          kept.push(chunk);
          keptBytes += chunk.length;
        });
        response.on('end', () => {
          const status = response.statusCode ?? 0;
          settle({ kind: 'answer', status, headers: response.headers, body: Buffer.concat(kept) });
        });
        response.on('error', failed);
        response.on('close', () => {
          if (!response.complete) failed(new Error('the connection closed before the answer ended'));
        });
      });
      // A deadline for the whole exchange, not the socket's idle timeout: a server that drips bytes
      // must not hold an export past its time.
      const timer = setTimeout(
        () => {
          timedOut = true;
          call.destroy(new Error('deadline reached'));
        },
        Math.max(timeoutMs, 0),
      );
      call.on('error', failed);
      call.end(body);
    });
  }

  /** Closes the pooled connections; a POST still running ends as a network error. */
  close(): void {
    this.agent.destroy();
  }
}
