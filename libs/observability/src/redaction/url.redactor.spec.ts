import { isSecretQueryParam, redactQuery, redactUrl } from './url.redactor';

describe('redactQuery', () => {
  it('replaces the values of secret parameters and keeps the rest byte for byte', () => {
    expect(redactQuery('term=x&token=SECRET123&api_key=KEY456&q=a%20b+c')).toBe(
      'term=x&token=REDACTED&api_key=REDACTED&q=a%20b+c',
    );
  });

  it.each(['AWSAccessKeyId', 'Signature', 'sig', 'X-Goog-Signature', 'X-Amz-Signature', 'X-Amz-Credential'])(
    'redacts the URL signature parameter %s, as the semantic conventions ask',
    (name) => {
      expect(redactQuery(`${name}=abc&page=2`)).toBe(`${name}=REDACTED&page=2`);
    },
  );

  it('looks at percent-encoded names, repeated parameters and empty values alike', () => {
    expect(redactQuery('access%5Ftoken=a&token=b&token=&password')).toBe(
      'access%5Ftoken=REDACTED&token=REDACTED&token=REDACTED&password',
    );
  });

  it('leaves a query with no secret as it is', () => {
    expect(redactQuery('term=keyboard&page=2&&x')).toBe('term=keyboard&page=2&&x');
  });
});

describe('redactUrl', () => {
  it('redacts userinfo, query and fragment secrets of an absolute URL', () => {
    expect(redactUrl('https://andrew:hunter2@api.example.com:8443/a/b?term=x&apiKey=k#access_token=t&state=s')).toBe(
      'https://REDACTED:REDACTED@api.example.com:8443/a/b?term=x&apiKey=REDACTED#access_token=REDACTED&state=s',
    );
  });

  it('redacts a request target (path and query only)', () => {
    expect(redactUrl('/api/activities/search?term=x&token=SECRET123&api_key=KEY456')).toBe(
      '/api/activities/search?term=x&token=REDACTED&api_key=REDACTED',
    );
  });

  it('never throws on malformed text, and leaves a URL without secrets unchanged', () => {
    expect(redactUrl('http://[::1')).toBe('http://[::1');
    expect(redactUrl('/%E0%A4%A?token=%ZZ')).toBe('/%E0%A4%A?token=REDACTED');
    expect(redactUrl('http://127.0.0.1:3000/activities/home?handle=andrew')).toBe(
      'http://127.0.0.1:3000/activities/home?handle=andrew',
    );
  });
});

describe('isSecretQueryParam', () => {
  it('takes secret names and signatures, not ordinary parameters', () => {
    expect(
      ['token', 'Authorization', 'client_secret', 'awsaccesskeyid', 'x-amz-security-token'].map(isSecretQueryParam),
    ).toEqual([true, true, true, true, true]);
    expect(['term', 'page', 'handle', 'signal', 'design'].map(isSecretQueryParam)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});
