import type { OtelSpan } from '../store/otel-span';
import { requestOverLimit, spanOverLimit } from './xray-otlp.limits';

const NOW = Date.UTC(2026, 11, 2, 12);
const nanos = (ms: number) => `${BigInt(ms) * 1_000_000n}`;

function span(startMs: number, attributes: OtelSpan['attributes'] = {}): OtelSpan {
  return {
    traceId: '6b0fa3101f9ae7d8e18f23ef7e046f73',
    spanId: 'cfbc53384be7c522',
    name: 'GET /',
    kind: 'SERVER',
    startTimeUnixNano: nanos(startMs),
    endTimeUnixNano: nanos(startMs + 5),
    attributes,
    events: [],
    links: [],
    status: { code: 'UNSET' },
    resource: { 'service.name': 'gateway' },
    scope: { name: 'test' },
    serviceName: 'gateway',
  };
}

describe("X-Ray's OTLP endpoint limits", () => {
  it('takes a span of now, of 13 days ago and of an hour ahead', () => {
    for (const start of [NOW, NOW - 13 * 86_400_000, NOW + 3_600_000])
      expect(spanOverLimit(span(start), NOW)).toBeUndefined();
  });

  it('refuses a span more than 14 days old or 2 hours ahead, or over 200 KB', () => {
    expect(spanOverLimit(span(NOW - 15 * 86_400_000), NOW)).toMatch(/more than 14 days in the past/);
    expect(spanOverLimit(span(NOW + 3 * 3_600_000), NOW)).toMatch(/more than 2 hours in the future/);
    expect(spanOverLimit(span(NOW, { big: 'x'.repeat(205 * 1024) }), NOW)).toMatch(
      /over the endpoint's 204800 per span/,
    );
  });

  it('refuses a request of more than 10,000 spans, not one of 10,000', () => {
    expect(requestOverLimit(Array.from({ length: 10_000 }, () => span(NOW)))).toBeUndefined();
    expect(requestOverLimit(Array.from({ length: 10_001 }, () => span(NOW)))).toMatch(
      /at most 10000 spans per request, got 10001/,
    );
  });
});
