import { defaultTextMapGetter, propagation, ROOT_CONTEXT, trace, TraceFlags } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { DistrustedParentLinker } from './distrusted-parent.linker';
import { DistrustingPropagator, distrustedParentOf } from './distrusting.propagator';
import { createPropagator } from './propagator.factory';

const CALLER_TRACE = '5759e988bd862e3fe1be46a994272793';
const CALLER_SPAN = '53995c3f42cd8ad8';
const headers = {
  traceparent: `00-${CALLER_TRACE}-${CALLER_SPAN}-01`,
  tracestate: 'cruddur_xray=undecided,vendor=x',
  baggage: 'user=andrew',
  'x-amzn-trace-id': `Root=1-5759e988-bd862e3fe1be46a994272793;Parent=${CALLER_SPAN};Sampled=1`,
};

describe('DistrustingPropagator + DistrustedParentLinker', () => {
  const propagator = new DistrustingPropagator(createPropagator());
  const exporter = new InMemorySpanExporter();
  const provider = new TracerProvider({
    spanProcessors: [new DistrustedParentLinker(), new SimpleSpanProcessor({ exporter })],
  });
  const tracer = provider.getTracer('spec');

  afterEach(() => exporter.reset());
  afterAll(() => provider.shutdown());

  it('uses no incoming header as parent, decision or baggage: only keeps the caller aside', () => {
    const extracted = propagator.extract(ROOT_CONTEXT, headers, defaultTextMapGetter);
    expect(trace.getSpanContext(extracted)).toBeUndefined();
    expect(propagation.getBaggage(extracted)).toBeUndefined();
    expect(distrustedParentOf(extracted)).toEqual({
      traceId: CALLER_TRACE,
      spanId: CALLER_SPAN,
      traceFlags: TraceFlags.SAMPLED,
      isRemote: true,
    });
  });

  it('starts a new root linked to the caller; its children join the new trace without a link', () => {
    const extracted = propagator.extract(ROOT_CONTEXT, headers, defaultTextMapGetter);
    const root = tracer.startSpan('GET /api/activities/home', {}, extracted);
    tracer.startSpan('child', {}, trace.setSpan(extracted, root)).end();
    root.end();
    const [child, server] = exporter.getFinishedSpans();
    expect(server.spanContext().traceId).not.toBe(CALLER_TRACE);
    expect(server.parentSpanContext).toBeUndefined();
    expect(server.links).toEqual([
      {
        context: expect.objectContaining({ traceId: CALLER_TRACE, spanId: CALLER_SPAN }),
        attributes: { 'cruddur.link.reason': 'untrusted-caller' },
        droppedAttributesCount: 0,
      },
    ]);
    expect(child.spanContext().traceId).toBe(server.spanContext().traceId);
    expect(child.links).toEqual([]);
  });

  it('keeps nothing aside from an invalid traceparent, and injects our own context unchanged', () => {
    const extracted = propagator.extract(ROOT_CONTEXT, { traceparent: '00-xyz-01' }, defaultTextMapGetter);
    expect(distrustedParentOf(extracted)).toBeUndefined();
    const span = tracer.startSpan('ours');
    const carrier: Record<string, string> = {};
    propagator.inject(trace.setSpan(ROOT_CONTEXT, span), carrier, {
      set: (c, k, v) => ((c as Record<string, string>)[k] = v),
    });
    expect(carrier.traceparent).toContain(span.spanContext().traceId);
    span.end();
  });
});
