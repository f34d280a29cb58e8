import { ConfigError } from '@app/common';
import { loadGatewayConfig } from './gateway.config';

describe('loadGatewayConfig: GATEWAY_RATE_LIMIT_PER_MINUTE', () => {
  it('defaults to 6000 a minute, above what the load generator sends at --rate 50 (3000)', () => {
    expect(loadGatewayConfig({}).rateLimitPerMinute).toBe(6000);
  });

  it.each([
    ['5', 5],
    ['0', 0],
    [' 120 ', 120],
  ])('reads %j as %d (0: no limit)', (value, expected) => {
    expect(loadGatewayConfig({ GATEWAY_RATE_LIMIT_PER_MINUTE: value }).rateLimitPerMinute).toBe(expected);
  });

  it.each(['-1', '2.5', 'lots', '6e3'])('refuses %j with a message naming the variable', (value) => {
    const load = () => loadGatewayConfig({ GATEWAY_RATE_LIMIT_PER_MINUTE: value });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(`GATEWAY_RATE_LIMIT_PER_MINUTE must be a non-negative integer, got "${value}"`);
  });
});
