import { isSecretHeader, redactHeaders, redactedValue } from './header.redactor';

const SIGNATURE = 'fe5f80f77d5fa3beca038a248ff027d0445342fe2855ddc963176630326f1024';
const SIGV4 =
  `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE7Q3Z/20261202/eu-west-1/xray/aws4_request, ` +
  `SignedHeaders=content-type;host;x-amz-date, Signature=${SIGNATURE}`;

describe('intake header redaction', () => {
  it.each([
    'authorization',
    'proxy-authorization',
    'cookie',
    'x-amz-security-token',
    'x-honeycomb-team',
    'x-api-key',
    'x-rollbar-access-token',
    'x-auth-request',
    'x-client-secret',
    'x-password',
  ])('treats %s as a secret', (name) => {
    expect(isSecretHeader(name)).toBe(true);
  });

  it.each(['content-type', 'content-encoding', 'user-agent', 'x-amz-date', 'x-amz-target', 'traceparent', 'host'])(
    'shows %s',
    (name) => {
      expect(isSecretHeader(name)).toBe(false);
    },
  );

  it('shows every other value, and a stand-in for secrets that tells values apart without showing them', () => {
    const shown = redactHeaders({
      'content-type': 'application/x-protobuf',
      'x-honeycomb-team': 'k',
      cookie: 'session=abc',
      'x-amz-security-token': 'FQoGZXIvYXdzEXAMPLE',
    });
    expect(shown['content-type']).toBe('application/x-protobuf');
    expect(shown['x-honeycomb-team']).toMatch(/^\[redacted\] hmac:[0-9a-f]{8} len=1$/);
    expect(shown.cookie).toMatch(/^\[redacted\] hmac:[0-9a-f]{8} len=11$/);
    const text = JSON.stringify(shown);
    for (const secret of ['session=abc', 'FQoGZXIvYXdzEXAMPLE', '"k"']) expect(text).not.toContain(secret);
    expect(redactedValue('same')).toBe(redactedValue('same'));
    expect(redactedValue('same')).not.toBe(redactedValue('other'));
  });

  it('shows a SigV4 Authorization header as its parts that are not secret, never the signature', () => {
    const shown = redactHeaders({ authorization: SIGV4 });
    expect(shown.authorization).toEqual({
      algorithm: 'AWS4-HMAC-SHA256',
      accessKeyId: '***********7Q3Z',
      scope: { date: '20261202', region: 'eu-west-1', service: 'xray' },
      signedHeaders: ['content-type', 'host', 'x-amz-date'],
    });
    expect(JSON.stringify(shown)).not.toContain(SIGNATURE);
    expect(JSON.stringify(shown)).not.toContain('AKIDEXAMPLE7Q3Z');
  });

  it('redacts whole a SigV4 header that does not parse, and any other scheme', () => {
    const garbage = redactHeaders({ authorization: `AWS4-HMAC-SHA256 Signature=${SIGNATURE}` });
    expect(garbage.authorization).toMatch(/^\[redacted\] hmac:[0-9a-f]{8} len=\d+$/);
    expect(redactHeaders({ authorization: 'Bearer eyJhbGciOi' }).authorization).toMatch(/^\[redacted\] /);
  });

  it('joins repeated headers and leaves out absent ones', () => {
    expect(redactHeaders({ 'x-forwarded-for': ['10.0.0.1', '10.0.0.2'], 'x-none': undefined })).toEqual({
      'x-forwarded-for': '10.0.0.1, 10.0.0.2',
    });
  });
});
