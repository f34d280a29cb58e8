import {
  isSpanContextValid,
  trace,
  TraceFlags,
  type Context,
  type SpanContext,
  type TextMapGetter,
  type TextMapPropagator,
  type TextMapSetter,
} from '@opentelemetry/api';
import { isTracingSuppressed } from '@opentelemetry/core';
import { readHeaderValues } from './carrier-header.reader';
import { rootOnlyParentSpanId } from './root-only-parent';
import { undecidedTraceState } from './undecided.marker';
import { formatXrayHeader, parseXrayHeader, XRAY_TRACE_HEADER } from './xray-trace-header';

/**
 * Propagates the span context in X-Ray's `X-Amzn-Trace-Id` header.
 *
 * Extraction: `Root` + `Parent` + `Sampled=1|0` gives a remote parent,
 * sampled or not; `Root` without `Parent` continues the trace under a
 * synthetic parent id ({@link rootOnlyParentSpanId}); no `Sampled` (or `?`)
 * marks the context undecided (see `undecided.marker.ts`) so that the sampler
 * decides as at a root. A malformed header leaves the context unchanged.
 */
export class XrayPropagator implements TextMapPropagator<unknown> {
  inject(context: Context, carrier: unknown, setter: TextMapSetter<unknown>): void {
    const spanContext = trace.getSpanContext(context);
    if (!spanContext || !isSpanContextValid(spanContext) || isTracingSuppressed(context)) return;
    setter.set(carrier, XRAY_TRACE_HEADER, formatXrayHeader(spanContext));
  }

  extract(context: Context, carrier: unknown, getter: TextMapGetter<unknown>): Context {
    // Of repeated headers (an array), only the first counts.
    const value = readHeaderValues(carrier, getter, XRAY_TRACE_HEADER)?.[0];
    const header = value === undefined ? undefined : parseXrayHeader(value);
    if (!header) return context;
    const spanContext: SpanContext = {
      traceId: header.traceId,
      spanId: header.parentId ?? rootOnlyParentSpanId(header.traceId),
      traceFlags: header.sampled ? TraceFlags.SAMPLED : TraceFlags.NONE,
      isRemote: true,
      ...(header.sampled === undefined ? { traceState: undecidedTraceState() } : {}),
    };
    return trace.setSpanContext(context, spanContext);
  }

  fields(): string[] {
    return [XRAY_TRACE_HEADER];
  }
}
