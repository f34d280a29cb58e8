import type { SpanContext } from '@opentelemetry/api';

/** One TCP message handled, as the traced TCP server reports it to the access log. */
export interface TcpAccessEntry {
  pattern: string;
  kind: 'request' | 'event';
  /** 200, or the status of the error the handler answered with. */
  status: number;
  durationMs: number;
  remoteAddress?: string;
  /** The message's span (the access line carries its ids); the active span when absent. */
  spanContext?: SpanContext;
}
