import { BadRequestException } from '@nestjs/common';
import { canonicalTraceId } from '../store/trace-ids';

const TRACEPARENT = /^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}(?:-.*)?$/i;
const AMZN_ROOT = /(?:^|;)\s*Root=([^;]+)/i;

/**
 * The canonical trace id in any form a user may paste: 32 hex digits, X-Ray's
 * `1-xxxxxxxx-yyy…`, a `traceparent` / `traceresponse` value, or an
 * `X-Amzn-Trace-Id` value (`Root=1-…;Parent=…;Sampled=1`). Undefined otherwise.
 */
export function traceIdFromAnyForm(value: string): string | undefined {
  const text = value.trim();
  const traceparent = TRACEPARENT.exec(text);
  if (traceparent) return canonicalTraceId(traceparent[1]);
  const root = AMZN_ROOT.exec(text);
  if (root) return canonicalTraceId(root[1]);
  return canonicalTraceId(text);
}

/** Like traceIdFromAnyForm, answering 400 (naming the parameter) when the value is no trace id. */
export function parseTraceIdParam(value: string, name = 'id'): string {
  const traceId = traceIdFromAnyForm(value);
  if (!traceId)
    throw new BadRequestException(
      `${name}: "${value.slice(0, 200)}" is not a trace id (32 hex digits, 1-xxxxxxxx-xxxxxxxxxxxxxxxxxxxxxxxx, ` +
        'a traceparent value or an X-Amzn-Trace-Id value)',
    );
  return traceId;
}
