import { CompositePropagator, W3CBaggagePropagator } from '@opentelemetry/core';
import type { TextMapPropagator } from '@opentelemetry/api';
import type { PropagatorName } from '../observability.options';
import { TraceContextPropagator } from './trace-context.propagator';
import { XrayPropagator } from './xray.propagator';

const ALL: readonly PropagatorName[] = ['tracecontext', 'baggage', 'xray'];

/**
 * The suite's propagator, of the formats named (OTEL_PROPAGATORS; all three by default), always
 * in one order: X-Ray, then W3C Trace Context, then W3C Baggage, whatever order the list has.
 *
 * Extraction runs in that order and each later propagator overrides the span context, so a
 * valid `traceparent` wins over `X-Amzn-Trace-Id`, and the X-Ray header counts when
 * `traceparent` is missing or invalid: one precedence rule, not one per configuration. Injection
 * writes every header from the one active span context, so they always agree.
 */
export function createPropagator(names: readonly PropagatorName[] = ALL): TextMapPropagator<unknown> {
  const propagators: TextMapPropagator<unknown>[] = [];
  if (names.includes('xray')) propagators.push(new XrayPropagator());
  if (names.includes('tracecontext')) propagators.push(new TraceContextPropagator());
  if (names.includes('baggage')) propagators.push(new W3CBaggagePropagator());
  return new CompositePropagator({ propagators });
}
