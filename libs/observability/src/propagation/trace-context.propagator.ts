import {
  isSpanContextValid,
  trace,
  type Context,
  type TextMapGetter,
  type TextMapPropagator,
  type TextMapSetter,
} from '@opentelemetry/api';
import { isTracingSuppressed } from '@opentelemetry/core';
import { readHeaderValues } from './carrier-header.reader';
import { formatTraceParent, parseTraceParent } from './traceparent.codec';
import { UNDECIDED_TRACE_STATE_KEY } from './undecided.marker';
import { W3cTraceState } from './w3c-trace-state';

const TRACEPARENT = 'traceparent';
const TRACESTATE = 'tracestate';

/**
 * W3C Trace Context Level 2 (`traceparent`, `tracestate`), in place of
 * `@opentelemetry/core`'s propagator, which writes only the flags' low digit,
 * keeps the valid part of a `tracestate` that breaks the grammar, and sends
 * an empty `tracestate`.
 *
 * Extraction: a valid `traceparent` (see {@link parseTraceParent}) gives a
 * remote parent with its sampled and random-trace-id flags; a repeated
 * `traceparent` is no parent. Only then is `tracestate` read: repeated headers
 * are combined, and a value that breaks the grammar is discarded whole. The
 * library's own "undecided" marker is removed from it: it means something
 * only inside a service, and a caller must not be able to reopen a sampling decision. A list
 * longer than 512 characters is cut to fit ({@link W3cTraceState.truncate}).
 *
 * Injection writes the active span context: `traceparent` version 00 with
 * both flags, `tracestate` unless empty, never the marker.
 */
export class TraceContextPropagator implements TextMapPropagator<unknown> {
  inject(context: Context, carrier: unknown, setter: TextMapSetter<unknown>): void {
    const spanContext = trace.getSpanContext(context);
    if (!spanContext || !isSpanContextValid(spanContext) || isTracingSuppressed(context)) return;
    setter.set(carrier, TRACEPARENT, formatTraceParent(spanContext));
    const traceState = spanContext.traceState?.unset(UNDECIDED_TRACE_STATE_KEY).serialize();
    if (traceState) setter.set(carrier, TRACESTATE, traceState);
  }

  extract(context: Context, carrier: unknown, getter: TextMapGetter<unknown>): Context {
    const traceparents = readHeaderValues(carrier, getter, TRACEPARENT);
    const parent = traceparents?.length === 1 ? parseTraceParent(traceparents[0]) : undefined;
    if (!parent) return context;
    const tracestates = readHeaderValues(carrier, getter, TRACESTATE);
    const traceState = tracestates
      ? W3cTraceState.parse(tracestates.join(','))?.unset(UNDECIDED_TRACE_STATE_KEY).truncate()
      : undefined;
    return trace.setSpanContext(context, {
      ...parent,
      isRemote: true,
      ...(traceState && traceState.size > 0 ? { traceState } : {}),
    });
  }

  fields(): string[] {
    return [TRACEPARENT, TRACESTATE];
  }
}
