import { ConfigError } from '@app/common';
import { describeFaults, formatSpread, parseRate, parseSpread } from './fault-settings';

describe('fault settings', () => {
  it('reads latency and busy work as a fixed value or a uniform spread; 0 is off', () => {
    expect(parseSpread('200', 'X')).toEqual({ min: 200, max: 200 });
    expect(parseSpread(' 100 - 400 ', 'X')).toEqual({ min: 100, max: 400 });
    expect(parseSpread(60_000, 'X')).toEqual({ min: 60_000, max: 60_000 });
    expect(parseSpread('0', 'X')).toBeUndefined();
    expect(formatSpread({ min: 100, max: 400 })).toBe('100-400');
    expect(formatSpread({ min: 5, max: 5 })).toBe('5');
  });

  it.each(['-5', '1.5', '400-100', '60001', 'fast', '1-2-3', ''])(
    'refuses the spread "%s", naming where it came from',
    (text) => {
      expect(() => parseSpread(text, 'ACTIVITIES_FAULT_LATENCY_MS')).toThrow(ConfigError);
      expect(() => parseSpread(text, 'ACTIVITIES_FAULT_LATENCY_MS')).toThrow(
        /^ACTIVITIES_FAULT_LATENCY_MS must be milliseconds/,
      );
    },
  );

  it('reads rates from 0 to 1 and refuses anything else', () => {
    expect(['0', '1', '0.25', '.5', '1.0'].map((text) => parseRate(text, 'X'))).toEqual([0, 1, 0.25, 0.5, 1]);
    for (const text of ['1.01', '-0.1', '2', 'half', '', '1e-3', 'NaN']) {
      expect(() => parseRate(text, 'NOTIFICATIONS_FAULT_ERROR_RATE')).toThrow(
        `NOTIFICATIONS_FAULT_ERROR_RATE must be a number from 0 to 1, got "${text}"`,
      );
    }
  });

  it('describes the switches in one line for the logs', () => {
    expect(describeFaults({ errorRate: 0, dropReplyRate: 0 })).toBe('none');
    expect(
      describeFaults({
        latencyMs: { min: 100, max: 400 },
        errorRate: 0.5,
        dropReplyRate: 0.1,
        cpuMs: { min: 20, max: 20 },
      }),
    ).toBe('latency 100-400 ms, error rate 0.5, drop-reply rate 0.1, cpu 20 ms');
  });
});
