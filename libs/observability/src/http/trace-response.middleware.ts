import type { IncomingMessage, ServerResponse } from 'node:http';
import { trace } from '@opentelemetry/api';
import { formatTraceResponse, formatXrayHeader } from '../propagation';

/**
 * Express-style middleware: every response says which trace it belongs to,
 * in `traceresponse` (W3C Trace Context Level 2) and `X-Amzn-Trace-Id`, so an
 * API client can look its request up. Runs inside the HTTP server span. The
 * public service `app.use`s it before anything else (body parsing included), so
 * the answers refused before routing carry them too.
 */
export function traceResponseHeaders(_request: IncomingMessage, response: ServerResponse, next: () => void): void {
  const spanContext = trace.getActiveSpan()?.spanContext();
  if (spanContext && trace.isSpanContextValid(spanContext)) {
    response.setHeader('traceresponse', formatTraceResponse(spanContext));
    response.setHeader('X-Amzn-Trace-Id', formatXrayHeader(spanContext));
  }
  next();
}
