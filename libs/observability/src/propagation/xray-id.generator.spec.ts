import { XrayIdGenerator } from './xray-id.generator';

describe('XrayIdGenerator', () => {
  it('starts trace ids with the epoch second in 8 hex digits, then 24 random ones', () => {
    const at = Date.UTC(2026, 10, 3, 12, 0, 0);
    const generator = new XrayIdGenerator(() => at + 999);
    const id = generator.generateTraceId();
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(parseInt(id.slice(0, 8), 16)).toBe(at / 1000);
    // Read as X-Ray writes it, the same id is a valid X-Ray trace id.
    expect(`1-${id.slice(0, 8)}-${id.slice(8)}`).toMatch(/^1-[0-9a-f]{8}-[0-9a-f]{24}$/);
  });

  it('makes distinct ids across many pool refills', () => {
    const generator = new XrayIdGenerator();
    const traces = new Set<string>();
    const spans = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      traces.add(generator.generateTraceId());
      const span = generator.generateSpanId();
      expect(span).toMatch(/^[0-9a-f]{16}$/);
      expect(span).not.toBe('0000000000000000');
      spans.add(span);
    }
    expect(traces.size).toBe(2000);
    expect(spans.size).toBe(2000);
  });

  it('never returns an all-zero span id, even when the random bytes are zero', () => {
    const crypto = jest.requireActual<typeof import('node:crypto')>('node:crypto');
    const fill = jest.spyOn(crypto, 'randomFillSync');
    let calls = 0;
    fill.mockImplementation(((buffer: Buffer) => {
      // The first refill is all zeros, the next ones are not.
      if (calls++ === 0) buffer.fill(0);
      else buffer.fill(7);
      return buffer;
    }) as unknown as typeof crypto.randomFillSync);
    try {
      const generator = new XrayIdGenerator();
      for (let i = 0; i < 600; i++) expect(generator.generateSpanId()).not.toBe('0000000000000000');
      expect(calls).toBeGreaterThan(1);
    } finally {
      fill.mockRestore();
    }
  });
});
