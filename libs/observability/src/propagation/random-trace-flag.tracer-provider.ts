import {
  context,
  diag,
  isSpanContextValid,
  trace,
  type Context,
  type Span,
  type SpanOptions,
  type Tracer,
  type TracerOptions,
  type TracerProvider,
} from '@opentelemetry/api';
import { hasRandomTraceId, RANDOM_TRACE_ID_FLAG } from './trace-flags';

/** Options of {@link RandomTraceFlagTracerProvider}. */
export interface RandomTraceFlagOptions {
  /**
   * Whether the trace ids the SDK makes for new roots have random rightmost
   * 7 bytes (true for `XrayIdGenerator`'s), so that a new trace may claim
   * the flag.
   */
  randomRootTraceIds: boolean;
}

/**
 * Gives every span the W3C Trace Context Level 2 random-trace-id flag
 * (0x02) it is owed, which `@opentelemetry/sdk-trace` 3.1 drops: its
 * `Tracer.startSpan` sets a new span's flags to `SAMPLED` or `NONE` from the
 * sampling decision alone, so a remote parent's `03` becomes `01` on the
 * first child, and new roots never have it.
 *
 * Wrapping the SDK's provider, each span started gets the flag of its
 * parent span context (remote or local), or, at a new root, the flag the id
 * generator warrants. The span context then carries it everywhere it goes:
 * `traceparent` over HTTP and in TCP metadata, `traceresponse`, the exported
 * span's OTLP flags. Sampling and ids are untouched.
 */
export class RandomTraceFlagTracerProvider implements TracerProvider {
  private readonly tracers = new WeakMap<Tracer, Tracer>();

  constructor(
    private readonly inner: TracerProvider,
    private readonly options: RandomTraceFlagOptions,
  ) {}

  getTracer(name: string, version?: string, options?: TracerOptions): Tracer {
    const tracer = this.inner.getTracer(name, version, options);
    let wrapped = this.tracers.get(tracer);
    if (!wrapped) {
      wrapped = new RandomTraceFlagTracer(tracer, this.options.randomRootTraceIds);
      this.tracers.set(tracer, wrapped);
    }
    return wrapped;
  }
}

class RandomTraceFlagTracer implements Tracer {
  constructor(
    private readonly inner: Tracer,
    private readonly randomRoots: boolean,
  ) {}

  startSpan(name: string, options: SpanOptions = {}, parentContext: Context = context.active()): Span {
    const span = this.inner.startSpan(name, options, parentContext);
    // The same parent the SDK took: none for `root`, else the context's span, if valid.
    const parent = options.root ? undefined : trace.getSpanContext(parentContext);
    const random = parent && isSpanContextValid(parent) ? hasRandomTraceId(parent.traceFlags) : this.randomRoots;
    return random ? withRandomFlag(span) : span;
  }

  startActiveSpan<F extends (span: Span) => unknown>(name: string, fn: F): ReturnType<F>;
  startActiveSpan<F extends (span: Span) => unknown>(name: string, options: SpanOptions, fn: F): ReturnType<F>;
  startActiveSpan<F extends (span: Span) => unknown>(
    name: string,
    options: SpanOptions,
    context: Context,
    fn: F,
  ): ReturnType<F>;
  startActiveSpan<F extends (span: Span) => unknown>(name: string, ...rest: unknown[]): ReturnType<F> {
    const fn = rest[rest.length - 1] as F;
    const options = rest.length >= 2 ? (rest[0] as SpanOptions) : undefined;
    const parentContext = (rest.length >= 3 ? (rest[1] as Context) : undefined) ?? context.active();
    const span = this.startSpan(name, options, parentContext);
    return context.with(trace.setSpan(parentContext, span), fn as (span: Span) => ReturnType<F>, undefined, span);
  }
}

let refusedOnce = false;

function withRandomFlag(span: Span): Span {
  const spanContext = span.spanContext();
  if (!isSpanContextValid(spanContext) || hasRandomTraceId(spanContext.traceFlags)) return span;
  const traceFlags = spanContext.traceFlags | RANDOM_TRACE_ID_FLAG;
  // A non-recording span is only its context: a new one carries the flag.
  if (!span.isRecording()) return trace.wrapSpanContext({ ...spanContext, traceFlags });
  // A recording span's context is the object the SDK made for this span alone, read again at export:
  // setting the flag there keeps one span, one context. Reflect.set reports a refusal instead of throwing.
  if (!Reflect.set(spanContext, 'traceFlags', traceFlags) && !refusedOnce) {
    refusedOnce = true;
    diag.warn('the SDK refused the random-trace-id flag on a span context; traceparent will lack it');
  }
  return span;
}
