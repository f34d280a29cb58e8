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
    const value = readHeader(carrier, getter);
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

/**
 * The header's value whatever the case of its name: Node lower-cases incoming
 * HTTP headers, but TCP metadata and hand-built carriers keep what the sender wrote.
 */
function readHeader(carrier: unknown, getter: TextMapGetter<unknown>): string | undefined {
  try {
    let value = getter.get(carrier, XRAY_TRACE_HEADER) ?? getter.get(carrier, 'X-Amzn-Trace-Id');
    if (value === undefined) {
      const key = getter.keys(carrier).find((candidate) => candidate.toLowerCase() === XRAY_TRACE_HEADER);
      value = key === undefined ? undefined : getter.get(carrier, key);
    }
    // Repeated headers arrive as an array; like `traceparent`, only the first counts.
    const first = Array.isArray(value) ? value[0] : value;
    return typeof first === 'string' ? first : undefined;
  } catch {
    return undefined; // an odd carrier is "no header", never an error in the request
  }
}
