import type { TimedEvent } from '@opentelemetry/sdk-trace';
import { Semconv } from './xray-semconv';

/**
 * Errors rebuilt from the span's `exception` events, oldest first, for the
 * SDK's `addError` (which gives `cause.exceptions[]` the SDK's own shape:
 * ids, type, message, parsed stack frames). The stack is the recorded one,
 * never this function's, so frames point at the code that threw.
 */
export function exceptionErrorsOf(events: readonly TimedEvent[]): Error[] {
  return events
    .filter((event) => event.name === 'exception' && event.attributes)
    .map((event) => {
      const attributes = event.attributes ?? {};
      const type = stringOr(attributes[Semconv.exceptionType], 'Error');
      const message = stringOr(attributes[Semconv.exceptionMessage], '');
      const error = new Error(message);
      error.name = type;
      // A recorded stack starts with "Type: message"; the SDK drops that first line and parses the frames.
      error.stack = stringOr(attributes[Semconv.exceptionStacktrace], `${type}: ${message}`);
      return error;
    });
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback;
}

interface CapturedFrame {
  line?: number | null;
}

/**
 * Drops the `line` of stack frames the SDK could not parse. Its parser splits
 * `node:internal/...:95:5` at the first colon and writes `line: NaN`, which
 * serializes as null, and AWS's schema wants an integer there.
 */
export function repairCause(cause: unknown): void {
  const exceptions = (cause as { exceptions?: Array<{ stack?: CapturedFrame[] }> } | undefined)?.exceptions ?? [];
  for (const frame of exceptions.flatMap((exception) => exception.stack ?? [])) {
    if (!Number.isInteger(frame.line)) delete frame.line;
  }
}
