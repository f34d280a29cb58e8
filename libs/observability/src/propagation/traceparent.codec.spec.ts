import { formatTraceParent, formatTraceResponse, parseTraceParent } from './traceparent.codec';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT = '00f067aa0ba902b7';
const tp = (version: string, flags = '01', rest = '') => `${version}-${TRACE}-${PARENT}-${flags}${rest}`;

describe('parseTraceParent', () => {
  it('reads version 00: trace id, parent id, and the sampled and random-trace-id flags', () => {
    expect(parseTraceParent(tp('00', '00'))).toEqual({ traceId: TRACE, spanId: PARENT, traceFlags: 0 });
    expect(parseTraceParent(tp('00', '01'))).toEqual({ traceId: TRACE, spanId: PARENT, traceFlags: 1 });
    expect(parseTraceParent(tp('00', '02'))).toEqual({ traceId: TRACE, spanId: PARENT, traceFlags: 2 });
    expect(parseTraceParent(tp('00', '03'))).toEqual({ traceId: TRACE, spanId: PARENT, traceFlags: 3 });
  });

  it('masks the flags: reserved bits are dropped, the two known ones read as a bit field', () => {
    expect(parseTraceParent(tp('00', '09'))?.traceFlags).toBe(1);
    expect(parseTraceParent(tp('00', 'fe'))?.traceFlags).toBe(2);
    expect(parseTraceParent(tp('00', 'ff'))?.traceFlags).toBe(3);
  });

  it.each([
    ['cc, 55 characters', tp('cc')],
    ['cc, with a future field after a dash', tp('cc', '01', '-what-the-future-will-be-like')],
    ['01, with an empty future field', tp('01', '03', '-')],
    ['fe', tp('fe', '03')],
  ])('reads a higher version by the 00 rules: %s', (_, value) => {
    expect(parseTraceParent(value)).toMatchObject({ traceId: TRACE, spanId: PARENT });
  });

  it('keeps the random-trace-id flag of a higher version', () => {
    expect(parseTraceParent(tp('cc', '03', '-x'))?.traceFlags).toBe(3);
  });

  it.each([[' '], ['\t'], [' \t ']])('ignores optional whitespace %j around the value', (ows) => {
    expect(parseTraceParent(`${ows}${tp('00')}${ows}`)).toMatchObject({ traceId: TRACE });
  });

  const invalid: Array<[string, string]> = [
    ['version ff', tp('ff')],
    ['version ff with a future field', tp('ff', '01', '-x')],
    ['version 00 with a future field', tp('00', '01', '-what-the-future-will-be-like')],
    ['version 00 followed by another character', tp('00', '01', '.')],
    ['a higher version followed by a character other than a dash', tp('cc', '01', '.what-the-future-will-be-like')],
    ['a higher version shorter than 55 characters', `cc-${TRACE}-${PARENT}-1`],
    ['a version with an illegal character (.0)', tp('.0')],
    ['a version with an illegal character (0.)', tp('0.')],
    ['a version in upper case', tp('CC')],
    ['a version of 3 digits', `000-${TRACE}-${PARENT}-01`],
    ['a version of 4 digits', `0000-${TRACE}-${PARENT}-01`],
    ['a version of 1 digit', `0-${TRACE}-${PARENT}-01`],
    ['an all-zero trace id', `00-${'0'.repeat(32)}-${PARENT}-01`],
    ['an all-zero parent id', `00-${TRACE}-${'0'.repeat(16)}-01`],
    ['a trace id in upper case', `00-${TRACE.toUpperCase()}-${PARENT}-01`],
    ['one upper-case digit in the trace id', `00-4BF92f3577b34da6a3ce929d0e0e4736-${PARENT}-01`],
    ['a parent id in upper case', `00-${TRACE}-00F067AA0BA902B7-01`],
    ['flags in upper case', tp('00', '0A')],
    ['a trace id with an illegal character', `00-.bf92f3577b34da6a3ce929d0e0e4736-${PARENT}-01`],
    ['a trace id ending in an illegal character', `00-4bf92f3577b34da6a3ce929d0e0e473.-${PARENT}-01`],
    ['a trace id too long', `00-${TRACE}1-${PARENT}-01`],
    ['a trace id too short', `00-${TRACE.slice(1)}-${PARENT}-01`],
    ['a parent id with an illegal character', `00-${TRACE}-.0f067aa0ba902b7-01`],
    ['a parent id too long', `00-${TRACE}-${PARENT}1-01`],
    ['a parent id too short', `00-${TRACE}-${PARENT.slice(1)}-01`],
    ['flags with an illegal character (.0)', tp('00', '.0')],
    ['flags with an illegal character (0.)', tp('00', '0.')],
    ['flags too long', tp('00', '001')],
    ['flags too short', `00-${TRACE}-${PARENT}-1`],
    ['fields joined by another character', `00_${TRACE}_${PARENT}_01`],
    ['two headers joined by a comma', `${tp('00')}, ${tp('00')}`],
    ['garbage', 'not-a-traceparent'],
    ['empty', ''],
  ];

  it.each(invalid)('refuses %s', (_, value) => {
    expect(parseTraceParent(value)).toBeUndefined();
  });
});

describe('formatTraceParent / formatTraceResponse', () => {
  it.each([
    [0, '00'],
    [1, '01'],
    [2, '02'],
    [3, '03'],
    [0xff, '03'],
    [0x10 | 1, '01'],
  ])('writes version 00 with flags %i as %s, reserved bits zero', (traceFlags, flags) => {
    expect(formatTraceParent({ traceId: TRACE, spanId: PARENT, traceFlags })).toBe(`00-${TRACE}-${PARENT}-${flags}`);
    expect(formatTraceResponse({ traceId: TRACE, spanId: PARENT, traceFlags })).toBe(`00-${TRACE}-${PARENT}-${flags}`);
  });

  it('downgrades a higher version to 00 and drops its future fields', () => {
    const parsed = parseTraceParent(tp('cc', '03', '-what-the-future-will-be-like'))!;
    expect(formatTraceParent(parsed)).toBe(tp('00', '03'));
  });
});
