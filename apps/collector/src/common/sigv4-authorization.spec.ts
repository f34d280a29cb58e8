import { SigV4FormatError, claimsSigV4, parseSigV4Authorization } from './sigv4-authorization';

const SIGNATURE = 'a'.repeat(64);

describe('SigV4 Authorization header', () => {
  it('reads the algorithm, the credential scope, the signed headers and the signature', () => {
    expect(
      parseSigV4Authorization(
        `AWS4-HMAC-SHA256 Credential=AKID/20261202/eu-west-1/xray/aws4_request,SignedHeaders=host;x-amz-date, Signature=${SIGNATURE}`,
      ),
    ).toEqual({
      algorithm: 'AWS4-HMAC-SHA256',
      accessKeyId: 'AKID',
      scope: { date: '20261202', region: 'eu-west-1', service: 'xray' },
      signedHeaders: ['host', 'x-amz-date'],
      signature: SIGNATURE,
    });
  });

  it('tells a SigV4 claim from other schemes', () => {
    expect(claimsSigV4('AWS4-HMAC-SHA256 Credential=x')).toBe(true);
    expect(claimsSigV4('aws4-hmac-sha256 x')).toBe(true);
    expect(claimsSigV4('Bearer abc')).toBe(false);
    expect(claimsSigV4(undefined)).toBe(false);
  });

  it.each([
    ['AWS4-HMAC-SHA256', /requires 'Credential', 'SignedHeaders', 'Signature' parameters/],
    ['AWS4-ECDSA-P256-SHA256 Credential=AKID/20261202/xray/aws4_request', /Unsupported AWS 'algorithm'/],
    [
      `AWS4-HMAC-SHA256 Credential=AKID/xray, SignedHeaders=host, Signature=${SIGNATURE}`,
      /Credential must have the form/,
    ],
    [
      `AWS4-HMAC-SHA256 Credential=AKID/2026-12-02/eu-west-1/xray/aws4_request, SignedHeaders=host, Signature=${SIGNATURE}`,
      /Credential must have the form/,
    ],
    [
      'AWS4-HMAC-SHA256 Credential=AKID/20261202/eu-west-1/xray/aws4_request, SignedHeaders=host, Signature=zz',
      /Signature must be 64 hex digits/,
    ],
  ])('refuses %j saying what is wrong', (header, reason) => {
    expect(() => parseSigV4Authorization(header)).toThrow(SigV4FormatError);
    expect(() => parseSigV4Authorization(header)).toThrow(reason);
  });
});
