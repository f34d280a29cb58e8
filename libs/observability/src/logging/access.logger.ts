import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { type SpanContext, trace } from '@opentelemetry/api';
import type { Logger } from 'winston';
import { redactUrl } from '../redaction/url.redactor';
import type { TcpAccessEntry } from '../tcp/tcp-access.entry';
import { traceFieldsOf } from './trace-fields';

/** An HTTP request as Express (or plain Node) gives it to a middleware. */
export type AccessRequest = IncomingMessage & { originalUrl?: string; protocol?: string; ip?: string };

/** Express-compatible middleware signature. */
export type AccessMiddleware = (req: AccessRequest, res: ServerResponse, next: (error?: unknown) => void) => void;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => String(n).padStart(2, '0');

/**
 * The original's `strftime('[%Y-%b-%d %H:%M]')`, in UTC like the line's
 * `timestamp` (one clock per line, whatever the host's zone).
 */
export function accessTimestamp(date: Date): string {
  return `[${date.getUTCFullYear()}-${MONTHS[date.getUTCMonth()]}-${two(date.getUTCDate())} ${two(date.getUTCHours())}:${two(date.getUTCMinutes())}]`;
}

/**
 * The access log: one `info` line per HTTP request and per TCP message
 * handled, with `type: 'access'` (CloudWatch: `{ $.type = "access" }`), the
 * original's message `[%Y-%b-%d %H:%M] remote_addr method scheme full_path status`,
 * and the request's trace ids.
 */
export class AccessLogger {
  constructor(private readonly logger: Logger) {}

  /**
   * Express-compatible middleware logging each request once, when the
   * response finishes or the connection closes first (`aborted: true`). The
   * span is captured when the request starts (as the original's
   * after_request saw the request's segment): by the time the response
   * finishes, the current context may be another one.
   */
  httpMiddleware(): AccessMiddleware {
    return (req, res, next) => {
      // Below `info` there is no access line: no timer, listeners or span lookup per request either.
      if (!this.logger.isInfoEnabled()) return next();
      const started = performance.now();
      const spanContext = trace.getActiveSpan()?.spanContext();
      let logged = false;
      const done = () => {
        if (logged) return;
        logged = true;
        const socket = req.socket as Partial<TLSSocket> | undefined;
        this.write({
          remote_addr: req.ip ?? socket?.remoteAddress ?? '-',
          method: req.method ?? '-',
          scheme: req.protocol ?? (socket?.encrypted ? 'https' : 'http'),
          path: redactUrl(req.originalUrl ?? req.url ?? '-'),
          status: res.statusCode,
          duration_ms: Math.round((performance.now() - started) * 1000) / 1000,
          ...(res.writableFinished ? {} : { aborted: true }),
          spanContext,
        });
      };
      res.once('finish', done);
      res.once('close', done);
      next();
    };
  }

  /** One line per TCP message handled: `method: 'TCP'`, `path`: the pattern. */
  tcp(entry: TcpAccessEntry): void {
    if (!this.logger.isInfoEnabled()) return;
    this.write({
      remote_addr: entry.remoteAddress ?? '-',
      method: 'TCP',
      scheme: 'tcp',
      path: entry.pattern,
      kind: entry.kind,
      status: entry.status,
      duration_ms: entry.durationMs,
      spanContext: entry.spanContext ?? trace.getActiveSpan()?.spanContext(),
    });
  }

  private write(
    fields: {
      remote_addr: string;
      method: string;
      scheme: string;
      path: string;
      status: number;
      spanContext?: SpanContext;
    } & Record<string, unknown>,
  ): void {
    const { spanContext, ...rest } = fields;
    const message = `${accessTimestamp(new Date())} ${rest.remote_addr} ${rest.method} ${rest.scheme} ${rest.path} ${rest.status}`;
    try {
      this.logger.info(message, { context: 'Access', type: 'access', ...rest, ...traceFieldsOf(spanContext) });
    } catch {
      // The access log never breaks a request.
    }
  }
}
