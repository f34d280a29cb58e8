import {
  defaultTextMapGetter,
  defaultTextMapSetter,
  ROOT_CONTEXT,
  trace,
  TraceFlags,
  type Context,
} from '@opentelemetry/api';
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  InMemorySpanExporter,
  SimpleSpanProcessor,
  TracerProvider,
  type Sampler,
} from '@opentelemetry/sdk-trace';
import { createPropagator } from '../propagation/propagator.factory';
import { UNDECIDED_TRACE_STATE_KEY } from '../propagation/undecided.marker';
import { ParentOrRootSampler } from './parent-or-root.sampler';

const ROOT = '1-5759e988-bd862e3fe1be46a994272793';
const TRACE = '5759e988bd862e3fe1be46a994272793';
const PARENT = '53995c3f42cd8ad8';
const propagator = createPropagator();

function setup(root: Sampler) {
  const exporter = new InMemorySpanExporter();
  const provider = new TracerProvider({
    sampler: new ParentOrRootSampler(root),
    spanProcessors: [new SimpleSpanProcessor({ exporter })],
  });
  const tracer = provider.getTracer('test');
  /** A server span for the incoming headers, then the headers of a call it makes. */
  const serve = (headers: Record<string, string>) => {
    const parent = propagator.extract(ROOT_CONTEXT, headers, defaultTextMapGetter);
    const span = tracer.startSpan('GET /api/activities/home', {}, parent);
    const outgoing: Record<string, string> = {};
    propagator.inject(trace.setSpan(parent, span), outgoing, defaultTextMapSetter);
    span.end();
    return { span, outgoing };
  };
  return { exporter, tracer, serve };
}

describe('ParentOrRootSampler', () => {
  it('records the span of a sampled caller, whatever the root sampler says', () => {
    const { serve, exporter } = setup(new AlwaysOffSampler());
    const { span, outgoing } = serve({ 'x-amzn-trace-id': `Root=${ROOT};Parent=${PARENT};Sampled=1` });
    expect(span.isRecording()).toBe(false); // ended
    expect(exporter.getFinishedSpans()).toHaveLength(1);
    expect(exporter.getFinishedSpans()[0].parentSpanContext?.spanId).toBe(PARENT);
    expect(outgoing['x-amzn-trace-id']).toMatch(/;Sampled=1$/);
  });

  it('records nothing for a caller that is not sampled, and passes the decision on', () => {
    const { serve, exporter } = setup(new AlwaysOnSampler());
    const { span, outgoing } = serve({ traceparent: `00-${TRACE}-${PARENT}-00` });
    expect(exporter.getFinishedSpans()).toHaveLength(0);
    expect(span.spanContext().traceId).toBe(TRACE);
    expect(outgoing.traceparent).toMatch(new RegExp(`^00-${TRACE}-[0-9a-f]{16}-00$`));
    expect(outgoing['x-amzn-trace-id']).toMatch(/;Sampled=0$/);
  });

  it('follows a local parent', () => {
    const { tracer, exporter } = setup(new AlwaysOnSampler());
    const unsampled = trace.setSpanContext(ROOT_CONTEXT, {
      traceId: TRACE,
      spanId: PARENT,
      traceFlags: TraceFlags.NONE,
      isRemote: false,
    });
    tracer.startSpan('child', {}, unsampled).end();
    expect(exporter.getFinishedSpans()).toHaveLength(0);
  });

  it('asks the root sampler when there is no parent', () => {
    expect(setup(new AlwaysOnSampler()).serve({}).span.spanContext().traceFlags).toBe(TraceFlags.SAMPLED);
    expect(setup(new AlwaysOffSampler()).serve({}).span.spanContext().traceFlags).toBe(TraceFlags.NONE);
  });

  it.each([
    ['no Sampled field', `Root=${ROOT};Parent=${PARENT}`],
    ['Sampled=?', `Root=${ROOT};Parent=${PARENT};Sampled=?`],
    ['only a Root', `Root=${ROOT}`],
  ])("lets the root sampler decide for an undecided caller (%s), in the caller's trace", (_, header) => {
    for (const [root, flags] of [
      [new AlwaysOnSampler(), TraceFlags.SAMPLED],
      [new AlwaysOffSampler(), TraceFlags.NONE],
    ] as const) {
      const { serve } = setup(root);
      const { span, outgoing } = serve({ 'x-amzn-trace-id': header });
      expect(span.spanContext()).toMatchObject({ traceId: TRACE, traceFlags: flags });
      // The marker stays inside this service: not on the span, not on the wire.
      expect(span.spanContext().traceState?.get(UNDECIDED_TRACE_STATE_KEY)).toBeUndefined();
      expect(outgoing).not.toHaveProperty('tracestate');
      expect(outgoing['x-amzn-trace-id']).toMatch(flags ? /;Sampled=1$/ : /;Sampled=0$/);
    }
  });

  it('removes only the marker from a trace state that has other entries', () => {
    const { tracer } = setup(new AlwaysOnSampler());
    const parent: Context = propagator.extract(
      ROOT_CONTEXT,
      { 'x-amzn-trace-id': `Root=${ROOT};Parent=${PARENT}` },
      defaultTextMapGetter,
    );
    const marked = trace.getSpanContext(parent)!;
    const withVendor = trace.setSpanContext(parent, { ...marked, traceState: marked.traceState!.set('vendor', 'x') });
    const span = tracer.startSpan('server', {}, withVendor);
    expect(span.spanContext().traceState?.serialize()).toBe('vendor=x');
    // Spans below it see no marker either.
    const child = tracer.startSpan('child', {}, trace.setSpan(withVendor, span));
    expect(child.spanContext().traceState?.serialize()).toBe('vendor=x');
  });
});
