import { ThrottledWarning } from './throttled-warning';

describe('ThrottledWarning', () => {
  function setUp(options: { intervalMs?: number; maxKeys?: number } = {}) {
    let clock = 0;
    const lines: string[] = [];
    const warning = new ThrottledWarning((line) => lines.push(line), { ...options, now: () => clock });
    return { warning, lines, advance: (ms: number) => (clock += ms) };
  }

  it('writes the first warning of a key and holds back repeats within the interval', () => {
    const { warning, lines, advance } = setUp({ intervalMs: 1000 });
    expect(warning.warn('collector down', 'otlp')).toBe(true);
    advance(500);
    expect(warning.warn('collector down', 'otlp')).toBe(false);
    expect(warning.warn('collector down', 'otlp')).toBe(false);
    expect(lines).toEqual(['collector down']);
    advance(500);
    expect(warning.warn('collector still down', 'otlp')).toBe(true);
    expect(lines[1]).toBe('collector still down (2 similar warning(s) held back)');
    expect(warning.count).toBe(4);
  });

  it('paces each key on its own', () => {
    const { warning, lines } = setUp();
    warning.warn('a', 'one');
    warning.warn('b', 'two');
    warning.warn('a again', 'one');
    expect(lines).toEqual(['a', 'b']);
  });

  it('remembers a bounded number of keys, forgetting the oldest first', () => {
    const { warning, lines } = setUp({ maxKeys: 2 });
    warning.warn('1', 'k1');
    warning.warn('2', 'k2');
    warning.warn('3', 'k3');
    // k1 was forgotten to make room for k3, so it is written again (and k2 forgotten in turn).
    expect(warning.warn('1 again', 'k1')).toBe(true);
    expect(warning.warn('3 again', 'k3')).toBe(false);
    expect(warning.warn('2 again', 'k2')).toBe(true);
    expect(lines).toEqual(['1', '2', '3', '1 again', '2 again']);
  });

  it('never throws when writing fails', () => {
    const warning = new ThrottledWarning(() => {
      throw new Error('stream closed');
    });
    expect(warning.warn('x')).toBe(true);
  });
});
