import { W3CTraceContextPropagator } from '@opentelemetry/core';
import type { Context, TextMapGetter, TextMapPropagator, TextMapSetter } from '@opentelemetry/api';

/**
 * W3C Trace Context (`traceparent`, `tracestate`) that never writes an empty
 * `tracestate`. The sampler strips the "undecided" marker from the trace
 * state, which can leave it empty; the stock propagator would then send an
 * empty header, which the Trace Context spec does not allow.
 */
export class TraceContextPropagator implements TextMapPropagator<unknown> {
  private readonly inner = new W3CTraceContextPropagator();

  inject(context: Context, carrier: unknown, setter: TextMapSetter<unknown>): void {
    this.inner.inject(context, carrier, {
      set: (target, key, value) => {
        if (value !== '' || key !== 'tracestate') setter.set(target, key, value);
      },
    });
  }

  extract(context: Context, carrier: unknown, getter: TextMapGetter<unknown>): Context {
    return this.inner.extract(context, carrier, getter);
  }

  fields(): string[] {
    return this.inner.fields();
  }
}
