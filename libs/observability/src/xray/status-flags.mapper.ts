import { SpanStatusCode, type Attributes, type SpanStatus } from '@opentelemetry/api';
import { ObservabilityAttributes } from '../attributes';
import { firstNumber } from './span-attributes.reader';
import type { XrayFlags } from './xray-document.types';
import { Semconv } from './xray-semconv';

/** The status code the span answered or received: HTTP's, else the one our TCP handlers record. */
export function statusCodeOf(attributes: Attributes): number | undefined {
  return firstNumber(attributes, [...Semconv.httpStatus, ObservabilityAttributes.RpcStatusCode]);
}

/**
 * X-Ray's flags, as its SDKs set them from a response: 5xx is a fault, 429 a
 * throttle (and an error), any other 4xx an error. A span in error with no
 * status code at all (a dropped connection, a thrown handler) is a fault.
 * The status code wins over the span status, so a 404 stays an error even
 * when a client instrumentation marked the span ERROR.
 */
export function statusFlagsOf(attributes: Attributes, status: SpanStatus): XrayFlags {
  const code = statusCodeOf(attributes);
  if (code === undefined) return status.code === SpanStatusCode.ERROR ? { fault: true } : {};
  if (code >= 500) return { fault: true };
  if (code === 429) return { error: true, throttle: true };
  if (code >= 400) return { error: true };
  return {};
}
