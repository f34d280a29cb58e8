import { isSecretName, SECRET_NAME_CACHE_LIMIT } from './secret-name';

describe('isSecretName', () => {
  it.each([
    'password',
    'passwd',
    'pwd',
    'passphrase',
    'pass',
    'PW',
    'Authorization',
    'proxy-authorization',
    'cookie',
    'set-cookie',
    'credentials',
    'client_secret',
    'clientSecret',
    'token',
    'access_token',
    'refreshToken',
    'x-amz-security-token',
    'api_key',
    'apikey',
    'apiKey',
    'apikeyValue',
    'x-api-key',
    'stripe_key',
    'privateKey',
    'signing-keys',
    'http.request.header.authorization',
    'http.response.header.set-cookie',
    'user.password',
    'session.token',
    `${'x'.repeat(100)}_token`, // longer than Rollbar's bounded pattern looks: still a secret here
  ])('takes %s for a secret', (name) => {
    expect(isSecretName(name)).toBe(true);
  });

  it.each([
    'handle',
    'message',
    'ttl',
    'uuid',
    'trace_id',
    'span_id',
    'keyboard',
    'passenger',
    'compass',
    'http.route',
    'cruddur.handler',
  ])('leaves %s alone', (name) => {
    expect(isSecretName(name)).toBe(false);
  });

  it('gives the same verdicts when asked again, after its cache of names starts over, and for long names', () => {
    const names = ['x-api-key', 'http.route', 'user.password', 'keyboard'];
    const first = names.map(isSecretName);
    for (let i = 0; i < SECRET_NAME_CACHE_LIMIT + 10; i += 1) isSecretName(`filler.${i}`);
    expect(names.map(isSecretName)).toEqual(first);
    expect(first).toEqual([true, false, true, false]);
    const long = `${'a'.repeat(500)}.token`;
    expect([isSecretName(long), isSecretName(long), isSecretName('a'.repeat(500))]).toEqual([true, true, false]);
  });
});
