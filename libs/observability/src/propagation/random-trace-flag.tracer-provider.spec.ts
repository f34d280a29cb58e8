import {
  context,
  defaultTextMapGetter,
  defaultTextMapSetter,
  ROOT_CONTEXT,
  trace,
  type Context,
  type Span,
} from '@opentelemetry/api';
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  InMemorySpanExporter,
  ParentBasedSampler,
  SimpleSpanProcessor,
  TracerProvider,
  type Sampler,
} from '@opentelemetry/sdk-trace';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { createPropagator } from './propagator.factory';
import { RandomTraceFlagTracerProvider } from './random-trace-flag.tracer-provider';
import { XrayIdGenerator } from './xray-id.generator';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT = '00f067aa0ba902b7';
const propagator = createPropagator();

function setup(root: Sampler = new AlwaysOnSampler()) {
  const exporter = new InMemorySpanExporter();
  const sdk = new TracerProvider({
    idGenerator: new XrayIdGenerator(),
    sampler: new ParentBasedSampler({ root }),
    spanProcessors: [new SimpleSpanProcessor({ exporter })],
  });
  const provider = new RandomTraceFlagTracerProvider(sdk, { randomRootTraceIds: true });
  return { sdk, provider, tracer: provider.getTracer('test'), exporter };
}

/** The context a server builds for incoming headers. */
const incoming = (traceparent: string): Context =>
  propagator.extract(ROOT_CONTEXT, { traceparent }, defaultTextMapGetter);

/** The traceparent a call made inside `span` would carry. */
const outgoing = (parent: Context, span: Span): string => {
  const carrier: Record<string, string> = {};
  propagator.inject(trace.setSpan(parent, span), carrier, defaultTextMapSetter);
  return carrier.traceparent;
};

describe('RandomTraceFlagTracerProvider', () => {
  it('is needed: the SDK alone gives the child of a 03 parent the flags 01', () => {
    const { sdk } = setup();
    const span = sdk.getTracer('test').startSpan('server', {}, incoming(`00-${TRACE}-${PARENT}-03`));
    expect(span.spanContext().traceFlags).toBe(1);
  });

  it.each([
    ['03', '03'],
    ['02', '02'],
    ['01', '01'],
    ['00', '00'],
  ])('a remote parent with flags %s gives children (and their calls) flags %s', (flags, expected) => {
    const { tracer } = setup();
    const parent = incoming(`00-${TRACE}-${PARENT}-${flags}`);
    const server = tracer.startSpan('server', {}, parent);
    const child = tracer.startSpan('child', {}, trace.setSpan(parent, server));
    expect(outgoing(parent, server)).toMatch(new RegExp(`^00-${TRACE}-[0-9a-f]{16}-${expected}$`));
    expect(outgoing(parent, child)).toMatch(new RegExp(`-${expected}$`));
    expect(child.spanContext().traceFlags).toBe(parseInt(expected, 16));
  });

  it('gives new roots the flag: 03 when sampled, 02 when not', () => {
    for (const [root, flags] of [
      [new AlwaysOnSampler(), 3],
      [new AlwaysOffSampler(), 2],
    ] as const) {
      const { tracer } = setup(root);
      const span = tracer.startSpan('root', {}, ROOT_CONTEXT);
      expect(span.spanContext().traceFlags).toBe(flags);
      const child = tracer.startSpan('child', {}, trace.setSpan(ROOT_CONTEXT, span));
      expect(child.spanContext().traceFlags).toBe(flags);
      expect(child.spanContext().traceId).toBe(span.spanContext().traceId);
    }
  });

  it('claims nothing for new roots when the id generator does not make random trace ids', () => {
    const { sdk } = setup();
    const tracer = new RandomTraceFlagTracerProvider(sdk, { randomRootTraceIds: false }).getTracer('test');
    expect(tracer.startSpan('root', {}, ROOT_CONTEXT).spanContext().traceFlags).toBe(1);
  });

  it('treats `root: true` as a new root, whatever the context holds', () => {
    const { tracer } = setup();
    const span = tracer.startSpan('detached', { root: true }, incoming(`00-${TRACE}-${PARENT}-01`));
    expect(span.spanContext().traceId).not.toBe(TRACE);
    expect(span.spanContext().traceFlags).toBe(3);
  });

  it('exports the span with the flag, as the same span object the caller holds', () => {
    const { tracer, exporter } = setup();
    const span = tracer.startSpan('server', {}, incoming(`00-${TRACE}-${PARENT}-03`));
    span.end();
    const [finished] = exporter.getFinishedSpans();
    expect(finished.spanContext().traceFlags).toBe(3);
    expect(finished.spanContext().spanId).toBe(span.spanContext().spanId);
  });

  it('keeps the flag in startActiveSpan, in each of its forms', () => {
    const manager = new AsyncLocalStorageContextManager().enable();
    context.setGlobalContextManager(manager);
    try {
      const { tracer } = setup();
      const parent = incoming(`00-${TRACE}-${PARENT}-03`);
      const seen: number[] = [];
      const record = (span: Span) => {
        seen.push(span.spanContext().traceFlags, trace.getActiveSpan()?.spanContext().traceFlags ?? -1);
        return span;
      };
      context.with(parent, () => tracer.startActiveSpan('a', record));
      context.with(parent, () => tracer.startActiveSpan('b', {}, record));
      tracer.startActiveSpan('c', {}, parent, record);
      expect(seen).toEqual([3, 3, 3, 3, 3, 3]);
      expect(tracer.startActiveSpan('d', {}, parent, (span) => span.spanContext().traceId)).toBe(TRACE);
    } finally {
      context.disable();
    }
  });

  it('hands out one wrapper per SDK tracer', () => {
    const { provider } = setup();
    expect(provider.getTracer('a')).toBe(provider.getTracer('a'));
    expect(provider.getTracer('a')).not.toBe(provider.getTracer('b'));
  });
});
