import {
  defaultTextMapGetter,
  defaultTextMapSetter,
  ROOT_CONTEXT,
  trace,
  TraceFlags,
  type SpanContext,
} from '@opentelemetry/api';
import { rootOnlyParentSpanId } from './root-only-parent';
import { isUndecided } from './undecided.marker';
import { XrayPropagator } from './xray.propagator';

const TRACE = '5759e988bd862e3fe1be46a994272793';
const ROOT = '1-5759e988-bd862e3fe1be46a994272793';
const PARENT = '53995c3f42cd8ad8';
const propagator = new XrayPropagator();

const extract = (headers: Record<string, unknown>): SpanContext | undefined =>
  trace.getSpanContext(propagator.extract(ROOT_CONTEXT, headers, defaultTextMapGetter));

describe('XrayPropagator', () => {
  describe('extract', () => {
    it('reads Root, Parent and Sampled=1 as a sampled remote parent', () => {
      expect(extract({ 'x-amzn-trace-id': `Root=${ROOT};Parent=${PARENT};Sampled=1` })).toEqual({
        traceId: TRACE,
        spanId: PARENT,
        traceFlags: TraceFlags.SAMPLED,
        isRemote: true,
      });
    });

    it('reads Sampled=0 as a remote parent that is not sampled', () => {
      const context = extract({ 'x-amzn-trace-id': `Root=${ROOT};Parent=${PARENT};Sampled=0` });
      expect(context).toMatchObject({ traceId: TRACE, spanId: PARENT, traceFlags: TraceFlags.NONE, isRemote: true });
      expect(context && isUndecided(context)).toBe(false);
    });

    it.each([
      ['fields in another order, with spaces', ` Sampled=1 ; Parent = ${PARENT};  Root=${ROOT} `],
      [
        'Self and Lineage fields',
        `Self=1-67891234-12456789abcdef012345678;Root=${ROOT};Parent=${PARENT};Sampled=1;Lineage=a87bd80c:1|68fd508a:5`,
      ],
      ['a trailing semicolon', `Root=${ROOT};Parent=${PARENT};Sampled=1;`],
      ['upper-case hex digits', `Root=${ROOT.toUpperCase()};Parent=${PARENT.toUpperCase()};Sampled=1`],
    ])('tolerates %s', (_, header) => {
      expect(extract({ 'x-amzn-trace-id': header })).toMatchObject({
        traceId: TRACE,
        spanId: PARENT,
        traceFlags: TraceFlags.SAMPLED,
      });
    });

    it.each(['x-amzn-trace-id', 'X-Amzn-Trace-Id', 'X-AMZN-TRACE-ID', 'x-Amzn-trace-ID'])(
      'finds the header named %s',
      (name) => {
        expect(extract({ [name]: `Root=${ROOT};Parent=${PARENT};Sampled=1` })?.traceId).toBe(TRACE);
      },
    );

    it('takes the first of repeated headers', () => {
      expect(extract({ 'x-amzn-trace-id': [`Root=${ROOT};Parent=${PARENT};Sampled=1`, 'garbage'] })?.spanId).toBe(
        PARENT,
      );
    });

    it("continues a Root-only header (a load balancer's) under the synthetic parent id", () => {
      expect(extract({ 'x-amzn-trace-id': `Root=${ROOT};Sampled=1` })).toEqual({
        traceId: TRACE,
        spanId: rootOnlyParentSpanId(TRACE),
        traceFlags: TraceFlags.SAMPLED,
        isRemote: true,
      });
    });

    it.each([
      ['no Sampled', `Root=${ROOT};Parent=${PARENT}`, PARENT],
      ['Sampled=?', `Root=${ROOT};Parent=${PARENT};Sampled=?`, PARENT],
      ['Root alone', `Root=${ROOT}`, rootOnlyParentSpanId(TRACE)],
    ])('marks the context undecided on %s', (_, header, spanId) => {
      const context = extract({ 'x-amzn-trace-id': header });
      expect(context).toMatchObject({ traceId: TRACE, spanId, traceFlags: TraceFlags.NONE, isRemote: true });
      expect(context && isUndecided(context)).toBe(true);
    });

    const malformed: [string, string][] = [
      ['empty', ''],
      ['no Root', `Parent=${PARENT};Sampled=1`],
      ['Root version 2', `Root=2-5759e988-bd862e3fe1be46a994272793;Parent=${PARENT};Sampled=1`],
      ['Root without version', `Root=5759e988-bd862e3fe1be46a994272793;Parent=${PARENT}`],
      ['Root epoch too short', `Root=1-5759e98-bd862e3fe1be46a994272793;Parent=${PARENT}`],
      ['Root random part too long', `Root=1-5759e988-bd862e3fe1be46a9942727931;Parent=${PARENT}`],
      ['Root not hex', `Root=1-5759e988-bd862e3fe1be46a99427279z;Parent=${PARENT}`],
      ['Root all zero', `Root=1-00000000-000000000000000000000000;Parent=${PARENT};Sampled=1`],
      ['Root as an OTel id', `Root=${TRACE};Parent=${PARENT};Sampled=1`],
      ['Parent too short', `Root=${ROOT};Parent=53995c3f42cd8ad;Sampled=1`],
      ['Parent not hex', `Root=${ROOT};Parent=53995c3f42cd8adg;Sampled=1`],
      ['Parent all zero', `Root=${ROOT};Parent=0000000000000000;Sampled=1`],
      ['Parent empty', `Root=${ROOT};Parent=;Sampled=1`],
      ['Sampled=2', `Root=${ROOT};Parent=${PARENT};Sampled=2`],
      ['Sampled=true', `Root=${ROOT};Parent=${PARENT};Sampled=true`],
      ['Sampled empty', `Root=${ROOT};Parent=${PARENT};Sampled=`],
      ['two Roots', `Root=${ROOT};Root=1-5759e989-bd862e3fe1be46a994272793;Parent=${PARENT}`],
      ['two Parents', `Root=${ROOT};Parent=${PARENT};Parent=${PARENT};Sampled=1`],
      ['two Sampled', `Root=${ROOT};Parent=${PARENT};Sampled=1;Sampled=0`],
      ['a field without =', `Root=${ROOT};Parent=${PARENT};garbage`],
      ['a field with an empty key', `Root=${ROOT};Parent=${PARENT};=1`],
      ['a key with spaces inside', `Root=${ROOT};Parent=${PARENT};Sam pled=1`],
      ['commas instead of semicolons', `Root=${ROOT},Parent=${PARENT},Sampled=1`],
      [
        'two headers joined by Node',
        `Root=${ROOT};Parent=${PARENT};Sampled=1, Root=${ROOT};Parent=${PARENT};Sampled=1`,
      ],
      ['far too long', `Root=${ROOT};Parent=${PARENT};Sampled=1;Lineage=${'a'.repeat(600)}`],
      ['a traceparent value', `00-${TRACE}-${PARENT}-01`],
      [
        'more than 16 fields',
        `Root=${ROOT};Parent=${PARENT};Sampled=1;${Array.from({ length: 14 }, (_, i) => `f${i}=1`).join(';')}`,
      ],
    ];

    it('reads a header of 16 fields, the most it looks at', () => {
      const extra = Array.from({ length: 13 }, (_, i) => `f${i}=1`).join(';');
      expect(extract({ 'x-amzn-trace-id': `Root=${ROOT};Parent=${PARENT};Sampled=1;${extra}` })).toMatchObject({
        traceId: TRACE,
        spanId: PARENT,
      });
    });

    it.each(malformed)('leaves the context unchanged on %s', (_, header) => {
      const context = propagator.extract(ROOT_CONTEXT, { 'x-amzn-trace-id': header }, defaultTextMapGetter);
      expect(context).toBe(ROOT_CONTEXT);
    });

    it('leaves the context unchanged without the header, or with a value that is not text', () => {
      expect(propagator.extract(ROOT_CONTEXT, {}, defaultTextMapGetter)).toBe(ROOT_CONTEXT);
      expect(propagator.extract(ROOT_CONTEXT, { 'x-amzn-trace-id': 42 }, defaultTextMapGetter)).toBe(ROOT_CONTEXT);
      expect(propagator.extract(ROOT_CONTEXT, null, defaultTextMapGetter)).toBe(ROOT_CONTEXT);
    });
  });

  describe('inject', () => {
    const inject = (spanContext: SpanContext): Record<string, string> => {
      const carrier: Record<string, string> = {};
      propagator.inject(trace.setSpanContext(ROOT_CONTEXT, spanContext), carrier, defaultTextMapSetter);
      return carrier;
    };

    it('writes Root, Parent and Sampled from the active span context', () => {
      expect(inject({ traceId: TRACE, spanId: PARENT, traceFlags: TraceFlags.SAMPLED })).toEqual({
        'x-amzn-trace-id': `Root=${ROOT};Parent=${PARENT};Sampled=1`,
      });
      expect(inject({ traceId: TRACE, spanId: PARENT, traceFlags: TraceFlags.NONE })['x-amzn-trace-id']).toMatch(
        /;Sampled=0$/,
      );
    });

    it('writes nothing without a valid span context', () => {
      const carrier = {};
      propagator.inject(ROOT_CONTEXT, carrier, defaultTextMapSetter);
      expect(carrier).toEqual({});
      expect(inject({ traceId: '0'.repeat(32), spanId: PARENT, traceFlags: 1 })).toEqual({});
    });

    it('gives back what it extracted', () => {
      for (const header of [
        `Root=${ROOT};Parent=${PARENT};Sampled=1`,
        `Root=${ROOT};Parent=${PARENT};Sampled=0`,
        `Root=${ROOT};Parent=${PARENT};Sampled=?`,
      ]) {
        const context = propagator.extract(ROOT_CONTEXT, { 'x-amzn-trace-id': header }, defaultTextMapGetter);
        const carrier: Record<string, string> = {};
        propagator.inject(context, carrier, defaultTextMapSetter);
        expect(carrier['x-amzn-trace-id']).toBe(header);
      }
    });
  });
});
