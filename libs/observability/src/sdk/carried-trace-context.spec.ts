import { carriesTraceContext } from './carried-trace-context';

describe('carriesTraceContext', () => {
  it('finds traceparent or X-Amzn-Trace-Id in flat header pairs (undici 6+), any case', () => {
    expect(carriesTraceContext({ headers: ['accept', '*/*', 'Traceparent', '00-…-01'] })).toBe(true);
    expect(carriesTraceContext({ headers: ['x-amzn-trace-id', 'Root=1-…'] })).toBe(true);
    expect(carriesTraceContext({ headers: ['accept', 'traceparent', 'content-type', 'text/plain'] })).toBe(false);
    expect(carriesTraceContext({ headers: [] })).toBe(false);
  });

  it('finds them in serialized headers (undici 5)', () => {
    expect(carriesTraceContext({ headers: 'accept: */*\r\ntraceparent: 00-…-01\r\n' })).toBe(true);
    expect(carriesTraceContext({ headers: 'accept: traceparent\r\n' })).toBe(false);
  });
});
