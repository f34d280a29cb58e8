import { BadRequestException, type PipeTransform } from '@nestjs/common';
import { fromXrayTraceId } from '@app/common';

const TRACE_ID = /^[0-9a-f]{32}$/i;

/**
 * A trace id as a client has it: 32 hex digits (from `traceresponse` or
 * `traceparent`) or X-Ray's `1-xxxxxxxx-xxxxxxxxxxxxxxxxxxxxxxxx` (from
 * `X-Amzn-Trace-Id`); the 32-digit lower-case form, or 400 saying what is wrong.
 */
export class TraceIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    const traceId = TRACE_ID.test(value) ? value.toLowerCase() : fromXrayTraceId(value);
    if (!traceId || /^0+$/.test(traceId)) {
      throw new BadRequestException(
        `traceId must be 32 hex digits (as in traceresponse) or an X-Ray trace id 1-xxxxxxxx-xxxxxxxxxxxxxxxxxxxxxxxx, not all zeros; got "${value.slice(0, 80)}"`,
      );
    }
    return traceId;
  }
}
