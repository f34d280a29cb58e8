import { CompositePropagator, W3CBaggagePropagator } from '@opentelemetry/core';
import type { TextMapPropagator } from '@opentelemetry/api';
import { TraceContextPropagator } from './trace-context.propagator';
import { XrayPropagator } from './xray.propagator';

/**
 * The suite's propagator: X-Ray, then W3C Trace Context, then W3C Baggage.
 *
 * Extraction runs in that order and each later propagator overrides the span
 * context, so a valid `traceparent` wins over `X-Amzn-Trace-Id`, and the X-Ray
 * header counts when `traceparent` is missing or invalid. Injection writes
 * every header from the one active span context, so they always agree.
 */
export function createPropagator(): TextMapPropagator<unknown> {
  return new CompositePropagator({
    propagators: [new XrayPropagator(), new TraceContextPropagator(), new W3CBaggagePropagator()],
  });
}
