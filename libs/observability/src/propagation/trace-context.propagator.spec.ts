import { defaultTextMapGetter, defaultTextMapSetter, ROOT_CONTEXT, trace, type SpanContext } from '@opentelemetry/api';
import { suppressTracing, TraceState } from '@opentelemetry/core';
import { TraceContextPropagator } from './trace-context.propagator';
import { UNDECIDED_TRACE_STATE_KEY, undecidedTraceState } from './undecided.marker';
import { W3cTraceState } from './w3c-trace-state';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT = '00f067aa0ba902b7';
const propagator = new TraceContextPropagator();

const extract = (headers: Record<string, unknown>): SpanContext | undefined =>
  trace.getSpanContext(propagator.extract(ROOT_CONTEXT, headers, defaultTextMapGetter));

const inject = (spanContext: SpanContext): Record<string, string> => {
  const carrier: Record<string, string> = {};
  propagator.inject(trace.setSpanContext(ROOT_CONTEXT, spanContext), carrier, defaultTextMapSetter);
  return carrier;
};

describe('TraceContextPropagator', () => {
  describe('extract', () => {
    it.each([['00'], ['01'], ['02'], ['03']])(
      'keeps flags %s of a remote parent, the random-trace-id flag included',
      (flags) => {
        expect(extract({ traceparent: `00-${TRACE}-${PARENT}-${flags}` })).toEqual({
          traceId: TRACE,
          spanId: PARENT,
          traceFlags: parseInt(flags, 16),
          isRemote: true,
        });
      },
    );

    it.each(['traceparent', 'TraceParent', 'TRACEPARENT'])(
      'finds the header named %s, and tracestate in any case too',
      (name) => {
        const context = extract({ [name]: `00-${TRACE}-${PARENT}-01`, TraceState: 'foo=1' });
        expect(context?.traceId).toBe(TRACE);
        expect(context?.traceState?.serialize()).toBe('foo=1');
      },
    );

    it('treats a repeated traceparent as no parent', () => {
      const repeated = [`00-${TRACE}-${PARENT}-01`, `00-${TRACE.replace('4', '5')}-${PARENT}-01`];
      expect(propagator.extract(ROOT_CONTEXT, { traceparent: repeated }, defaultTextMapGetter)).toBe(ROOT_CONTEXT);
    });

    it('combines repeated tracestate headers in order, empty ones included', () => {
      const context = extract({
        traceparent: `00-${TRACE}-${PARENT}-00`,
        tracestate: ['foo=1,bar=2', '', 'rojo=1,congo=2', 'baz=3'],
      });
      expect(context?.traceState?.serialize()).toBe('foo=1,bar=2,rojo=1,congo=2,baz=3');
    });

    it('discards a tracestate that breaks the grammar, and still continues the trace', () => {
      for (const tracestate of [
        'foo=1,FOO=2',
        'foo=1,foo=2',
        ['foo=1', 'foo=1'],
        `${Array.from({ length: 33 }, (_, i) => `k${i}=1`).join(',')}`,
      ]) {
        const context = extract({ traceparent: `00-${TRACE}-${PARENT}-01`, tracestate });
        expect(context).toEqual({ traceId: TRACE, spanId: PARENT, traceFlags: 1, isRemote: true });
      }
    });

    it('does not read tracestate when traceparent is invalid', () => {
      const context = propagator.extract(
        ROOT_CONTEXT,
        { traceparent: `ff-${TRACE}-${PARENT}-01`, tracestate: 'foo=1' },
        defaultTextMapGetter,
      );
      expect(context).toBe(ROOT_CONTEXT);
    });

    it('never trusts the "undecided" marker from outside: it is removed, the other members stay', () => {
      const context = extract({
        traceparent: `00-${TRACE}-${PARENT}-00`,
        tracestate: `congo=1,${UNDECIDED_TRACE_STATE_KEY}=undecided,rojo=2`,
      });
      expect(context?.traceState?.get(UNDECIDED_TRACE_STATE_KEY)).toBeUndefined();
      expect(context?.traceState?.serialize()).toBe('congo=1,rojo=2');
      expect(
        extract({ traceparent: `00-${TRACE}-${PARENT}-00`, tracestate: `${UNDECIDED_TRACE_STATE_KEY}=undecided` })
          ?.traceState,
      ).toBeUndefined();
    });

    it('leaves the context unchanged for an odd carrier or value', () => {
      expect(propagator.extract(ROOT_CONTEXT, null, defaultTextMapGetter)).toBe(ROOT_CONTEXT);
      expect(propagator.extract(ROOT_CONTEXT, { traceparent: 42 }, defaultTextMapGetter)).toBe(ROOT_CONTEXT);
      expect(propagator.extract(ROOT_CONTEXT, { traceparent: [] }, defaultTextMapGetter)).toBe(ROOT_CONTEXT);
    });
  });

  describe('inject', () => {
    it.each([
      [0, '00'],
      [1, '01'],
      [2, '02'],
      [3, '03'],
      [0xff, '03'],
    ])('writes flags %i as %s', (traceFlags, flags) => {
      expect(inject({ traceId: TRACE, spanId: PARENT, traceFlags })).toEqual({
        traceparent: `00-${TRACE}-${PARENT}-${flags}`,
      });
    });

    it('writes the trace state as it is, whichever TraceState implementation holds it', () => {
      const header = Array.from({ length: 32 }, (_, i) => `vendor${i}=value${i}`).join(',');
      expect(
        inject({ traceId: TRACE, spanId: PARENT, traceFlags: 1, traceState: W3cTraceState.parse(header) }).tracestate,
      ).toBe(header);
      expect(
        inject({ traceId: TRACE, spanId: PARENT, traceFlags: 1, traceState: new TraceState('a=1,b=2') }).tracestate,
      ).toBe('a=1,b=2');
    });

    it('never writes the "undecided" marker, nor an empty tracestate', () => {
      expect(
        inject({ traceId: TRACE, spanId: PARENT, traceFlags: 0, traceState: undecidedTraceState() }),
      ).not.toHaveProperty('tracestate');
      const marked = undecidedTraceState().set('congo', '1');
      expect(inject({ traceId: TRACE, spanId: PARENT, traceFlags: 0, traceState: marked }).tracestate).toBe('congo=1');
      expect(
        inject({ traceId: TRACE, spanId: PARENT, traceFlags: 0, traceState: W3cTraceState.empty() }),
      ).not.toHaveProperty('tracestate');
    });

    it('writes nothing without a valid span context, or with tracing suppressed', () => {
      expect(inject({ traceId: '0'.repeat(32), spanId: PARENT, traceFlags: 1 })).toEqual({});
      const carrier = {};
      propagator.inject(
        suppressTracing(trace.setSpanContext(ROOT_CONTEXT, { traceId: TRACE, spanId: PARENT, traceFlags: 1 })),
        carrier,
        defaultTextMapSetter,
      );
      expect(carrier).toEqual({});
    });

    it('gives back what it extracted, a higher version downgraded to 00', () => {
      const incoming = {
        traceparent: `cc-${TRACE}-${PARENT}-03-future`,
        tracestate: 'congo=t61rcWkgMzE,rojo=00f067aa0ba902b7',
      };
      expect(inject(extract(incoming)!)).toEqual({
        traceparent: `00-${TRACE}-${PARENT}-03`,
        tracestate: incoming.tracestate,
      });
    });
  });

  it('lists its headers', () => {
    expect(propagator.fields()).toEqual(['traceparent', 'tracestate']);
  });
});
