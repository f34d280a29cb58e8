import { ConfigError } from '@app/common';
import { APP_LOG_LEVELS } from './logging/log-levels';
import { readLoggingOptions } from './reporting-options.reader';

describe('readLoggingOptions', () => {
  const env = { CLOUDWATCH_LOGS_ENABLED: 'false' };

  it('takes every level a logger can be set to, info when LOG_LEVEL is unset', () => {
    for (const level of APP_LOG_LEVELS)
      expect(readLoggingOptions({ ...env, LOG_LEVEL: level }, 'gateway').level).toBe(level);
    expect(readLoggingOptions(env, 'gateway').level).toBe('info');
  });

  it.each(['log', 'http', 'silly', 'INFO'])('refuses LOG_LEVEL=%s, naming the levels it takes', (level) => {
    const read = () => readLoggingOptions({ ...env, LOG_LEVEL: level }, 'gateway');
    expect(read).toThrow(ConfigError);
    expect(read).toThrow(`LOG_LEVEL must be one of fatal, error, warn, info, debug, verbose, got "${level}"`);
  });
});
