import { type Span, SpanStatusCode } from '@opentelemetry/api';
import { messageOf } from '@app/common';

/**
 * The one way an error is written on a span: the exception event (X-Ray's
 * `cause`) and the ERROR status with its message. The error itself is left
 * untouched: the caller rethrows it.
 */
export function recordSpanError(span: Span, error: unknown): void {
  span.recordException(error instanceof Error ? error : String(error));
  span.setStatus({ code: SpanStatusCode.ERROR, message: messageOf(error) });
}
