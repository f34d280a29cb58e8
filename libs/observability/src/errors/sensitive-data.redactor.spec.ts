import { isSecretName, SECRET_NAME_SOURCE } from '../redaction/secret-name';
import { redactSensitive, redactSensitiveText } from './sensitive-data.redactor';

/** The regexes Rollbar builds from a scrubFields entry (src/scrub.js). */
const rollbarKeyRegex = new RegExp(`^\\[?(%5[bB])?${SECRET_NAME_SOURCE}\\[?(%5[bB])?\\]?(%5[dD])?$`, 'i');
const rollbarQueryRegex = new RegExp(
  `(\\[?(%5[bB])?${SECRET_NAME_SOURCE}\\[?(%5[bB])?\\]?(%5[dD])?=)([^&\\n]+)`,
  'igm',
);

describe('sensitive data redaction', () => {
  it('masks sensitive fields at any depth, leaving the input alone', () => {
    const input = {
      handle: 'worf',
      password: 'p',
      nested: [{ 'x-api-key': 'k', access_token: 't', note: 'Bearer abcdefgh12345' }],
    };
    expect(redactSensitive(input)).toEqual({
      handle: 'worf',
      password: '[REDACTED]',
      nested: [{ 'x-api-key': '[REDACTED]', access_token: '[REDACTED]', note: 'Bearer [REDACTED]' }],
    });
    expect(input.password).toBe('p');
  });

  it('masks sensitive fields inside JSON text and name=value text', () => {
    expect(redactSensitiveText('{"handle":"worf","password":"hunter2","apiKey": 42}')).toBe(
      '{"handle":"worf","password":"[REDACTED]","apiKey": "[REDACTED]"}',
    );
    expect(redactSensitiveText('a=1&token=abc&b=2')).toBe('a=1&token=[REDACTED]&b=2');
  });

  it('gives Rollbar a field pattern that matches whole names only, and the values of query parameters', () => {
    for (const name of [
      'password',
      'Authorization',
      'set-cookie',
      'client_secret',
      'refreshToken',
      'api_key',
      'x-api-key',
      'privateKey',
    ]) {
      expect(rollbarKeyRegex.test(name)).toBe(true);
    }
    for (const name of ['handle', 'message', 'ttl', 'uuid', 'trace_id', 'span_id', 'keyboard']) {
      expect(rollbarKeyRegex.test(name)).toBe(false);
    }
    expect('/p?password=x&b=2&api_key=y'.replace(rollbarQueryRegex, (_all, name: string) => `${name}***`)).toBe(
      '/p?password=***&b=2&api_key=***',
    );
  });

  it('gives Rollbar the rule the reporter and the logger redact by (names of up to 40 characters)', () => {
    const names = ['password', 'pass', 'pwd', 'x-amz-security-token', 'apikeyValue', 'signing-keys', 'user.password'];
    const others = ['handle', 'keyboard', 'passenger', 'compass', 'http.route', 'tags'];
    for (const name of [...names, ...others])
      expect([name, rollbarKeyRegex.test(name)]).toEqual([name, isSecretName(name)]);
  });

  it('stays linear on long strings (Rollbar runs the pattern over every string it sends)', () => {
    const long = 'a'.repeat(200_000);
    const started = Date.now();
    long.replace(rollbarQueryRegex, '');
    redactSensitiveText(long);
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
