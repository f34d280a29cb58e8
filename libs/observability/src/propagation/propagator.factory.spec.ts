import {
  defaultTextMapGetter,
  defaultTextMapSetter,
  propagation,
  ROOT_CONTEXT,
  trace,
  TraceFlags,
  type SpanContext,
} from '@opentelemetry/api';
import { TraceState } from '@opentelemetry/core';
import type { PropagatorName } from '../observability.options';
import { createPropagator } from './propagator.factory';
import { UNDECIDED_TRACE_STATE_KEY } from './undecided.marker';
import { formatTraceResponse } from './traceparent.codec';
import { formatXrayHeader } from './xray-trace-header';

const TRACE = '5759e988bd862e3fe1be46a994272793';
const OTHER_TRACE = '6a1f0c22aa11bb22cc33dd44ee55ff66';
const PARENT = '53995c3f42cd8ad8';
const OTHER_PARENT = '00f067aa0ba902b7';
const XRAY_SAMPLED = `Root=1-5759e988-bd862e3fe1be46a994272793;Parent=${PARENT};Sampled=1`;
const propagator = createPropagator();

const extract = (headers: Record<string, string>): SpanContext | undefined =>
  trace.getSpanContext(propagator.extract(ROOT_CONTEXT, headers, defaultTextMapGetter));

const inject = (spanContext: SpanContext): Record<string, string> => {
  const carrier: Record<string, string> = {};
  propagator.inject(trace.setSpanContext(ROOT_CONTEXT, spanContext), carrier, defaultTextMapSetter);
  return carrier;
};

describe('createPropagator', () => {
  it('writes traceparent and X-Amzn-Trace-Id that agree on trace, parent and decision', () => {
    for (const traceFlags of [TraceFlags.SAMPLED, TraceFlags.NONE]) {
      const headers = inject({ traceId: TRACE, spanId: PARENT, traceFlags });
      const fromW3c = extract({ traceparent: headers.traceparent });
      const fromXray = extract({ 'x-amzn-trace-id': headers['x-amzn-trace-id'] });
      expect(fromW3c).toEqual(fromXray);
      expect(fromW3c).toEqual({ traceId: TRACE, spanId: PARENT, traceFlags, isRemote: true });
    }
  });

  it('round-trips a span context through all headers, with tracestate and baggage', () => {
    const traceState = new TraceState('vendor=abc,other=1');
    const baggage = propagation.createBaggage({ user: { value: 'worf' } });
    const context = propagation.setBaggage(
      trace.setSpanContext(ROOT_CONTEXT, { traceId: TRACE, spanId: PARENT, traceFlags: 1, traceState }),
      baggage,
    );
    const carrier: Record<string, string> = {};
    propagator.inject(context, carrier, defaultTextMapSetter);
    expect(carrier).toEqual({
      'x-amzn-trace-id': XRAY_SAMPLED,
      traceparent: `00-${TRACE}-${PARENT}-01`,
      tracestate: 'vendor=abc,other=1',
      baggage: 'user=worf',
    });
    const extracted = propagator.extract(ROOT_CONTEXT, carrier, defaultTextMapGetter);
    expect(trace.getSpanContext(extracted)?.traceState?.serialize()).toBe('vendor=abc,other=1');
    expect(propagation.getBaggage(extracted)?.getEntry('user')?.value).toBe('worf');
  });

  it("carries a W3C caller's traceparent and tracestate unchanged to the next hop", () => {
    const incoming = {
      traceparent: `00-${OTHER_TRACE}-${OTHER_PARENT}-01`,
      tracestate: 'congo=t61rcWkgMzE,rojo=00f067aa0ba902b7',
    };
    const outgoing = inject(extract(incoming)!);
    expect(outgoing.traceparent).toBe(incoming.traceparent);
    expect(outgoing.tracestate).toBe(incoming.tracestate);
    expect(outgoing['x-amzn-trace-id']).toBe(
      `Root=1-6a1f0c22-aa11bb22cc33dd44ee55ff66;Parent=${OTHER_PARENT};Sampled=1`,
    );
  });

  it('prefers a valid traceparent to X-Amzn-Trace-Id', () => {
    const context = extract({ 'x-amzn-trace-id': XRAY_SAMPLED, traceparent: `00-${OTHER_TRACE}-${OTHER_PARENT}-00` });
    expect(context).toMatchObject({ traceId: OTHER_TRACE, spanId: OTHER_PARENT, traceFlags: TraceFlags.NONE });
    expect(context?.traceState).toBeUndefined();
  });

  it("drops X-Ray's undecided marker when traceparent decides", () => {
    const context = extract({
      'x-amzn-trace-id': `Root=1-5759e988-bd862e3fe1be46a994272793;Parent=${PARENT}`,
      traceparent: `00-${OTHER_TRACE}-${OTHER_PARENT}-01`,
    });
    expect(context?.traceState?.get(UNDECIDED_TRACE_STATE_KEY)).toBeUndefined();
  });

  it.each([
    ['missing', undefined],
    ['all-zero', `00-${'0'.repeat(32)}-${OTHER_PARENT}-01`],
    ['garbage', 'not-a-traceparent'],
    ['version ff', `ff-${OTHER_TRACE}-${OTHER_PARENT}-01`],
  ])('uses X-Amzn-Trace-Id when traceparent is %s', (_, traceparent) => {
    const headers: Record<string, string> = {
      'X-Amzn-Trace-Id': XRAY_SAMPLED,
      ...(traceparent ? { traceparent } : {}),
    };
    expect(extract(headers)).toMatchObject({ traceId: TRACE, spanId: PARENT, traceFlags: TraceFlags.SAMPLED });
  });

  it('never writes an empty tracestate', () => {
    const emptied = new TraceState(`${UNDECIDED_TRACE_STATE_KEY}=undecided`).unset(UNDECIDED_TRACE_STATE_KEY);
    expect(inject({ traceId: TRACE, spanId: PARENT, traceFlags: 1, traceState: emptied })).not.toHaveProperty(
      'tracestate',
    );
  });

  it('lists every header it uses', () => {
    expect(propagator.fields()).toEqual(['x-amzn-trace-id', 'traceparent', 'tracestate', 'baggage']);
  });
});

describe('createPropagator: the formats OTEL_PROPAGATORS names', () => {
  const sampled: SpanContext = { traceId: TRACE, spanId: PARENT, traceFlags: 1 };

  it('writes only the headers of the formats named, in one order whatever the list says', () => {
    expect(Object.keys(injectWith(['xray'], sampled))).toEqual(['x-amzn-trace-id']);
    expect(Object.keys(injectWith(['tracecontext'], sampled))).toEqual(['traceparent']);
    expect(createPropagator(['baggage', 'xray', 'tracecontext']).fields()).toEqual(propagator.fields());
  });

  it('reads only the formats named: without xray, X-Amzn-Trace-Id is ignored', () => {
    const headers = { 'x-amzn-trace-id': XRAY_SAMPLED };
    const read = (names: PropagatorName[]) =>
      trace.getSpanContext(createPropagator(names).extract(ROOT_CONTEXT, headers, defaultTextMapGetter));
    expect(read(['tracecontext', 'baggage'])).toBeUndefined();
    expect(read(['xray'])?.traceId).toBe(TRACE);
  });

  it('propagates nothing for none (an empty list)', () => {
    expect(injectWith([], sampled)).toEqual({});
  });
});

function injectWith(names: PropagatorName[], spanContext: SpanContext): Record<string, string> {
  const carrier: Record<string, string> = {};
  createPropagator(names).inject(trace.setSpanContext(ROOT_CONTEXT, spanContext), carrier, defaultTextMapSetter);
  return carrier;
}

describe('response headers', () => {
  it('formats traceresponse and X-Amzn-Trace-Id from the server span', () => {
    const span = { traceId: TRACE, spanId: PARENT, traceFlags: TraceFlags.SAMPLED };
    expect(formatTraceResponse(span)).toBe(`00-${TRACE}-${PARENT}-01`);
    expect(formatTraceResponse({ ...span, traceFlags: TraceFlags.NONE })).toBe(`00-${TRACE}-${PARENT}-00`);
    expect(formatXrayHeader(span)).toBe(XRAY_SAMPLED);
  });
});

describe('createPropagator: incoming baggage', () => {
  const baggageOf = (header: string) =>
    propagation
      .getBaggage(
        propagator.extract(
          ROOT_CONTEXT,
          { traceparent: `00-${TRACE}-${PARENT}-01`, baggage: header },
          defaultTextMapGetter,
        ),
      )
      ?.getAllEntries()
      .map(([key, entry]) => `${key}=${entry.value}`);

  it('keeps the 64 members and 8192 bytes the W3C Baggage specification says to propagate', () => {
    // 64 members of 127 bytes, joined by 63 commas: 8191 bytes.
    const members = Array.from({ length: 64 }, (_, i) => `k${String(i).padStart(2, '0')}=${'v'.repeat(123)}`);
    expect(members.join(',')).toHaveLength(8191);
    expect(baggageOf(members.join(','))).toEqual(members);
  });

  it('drops what goes beyond 8192 bytes, keeping the members before it', () => {
    const members = Array.from({ length: 80 }, (_, i) => `k${String(i).padStart(2, '0')}=${'v'.repeat(123)}`);
    const kept = baggageOf(members.join(',')) ?? [];
    expect(kept).toEqual(members.slice(0, kept.length));
    expect(kept.join(',').length).toBeLessThanOrEqual(8192);
    expect(kept.length).toBeGreaterThanOrEqual(64);
  });

  it('drops a malformed member alone', () => {
    expect(baggageOf('a=1,novalue,=2,c=%ZZ,d=4;prop=x, e = 5 ')).toEqual(['a=1', 'd=4', 'e=5']);
  });
});
