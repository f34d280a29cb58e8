import { requestDataOf } from './request-data.builder';

describe('requestDataOf', () => {
  it('redacts the URL as spans and the access log do: secret names and URL signatures', () => {
    const data = requestDataOf({
      method: 'GET',
      url: '/api/activities/search?term=x&api_key=KEY456&AWSAccessKeyId=AKIDEXAMPLE&Signature=SIGVALUE',
      headers: { host: '127.0.0.1:4567' },
    });
    const text = JSON.stringify(data);
    for (const secret of ['KEY456', 'AKIDEXAMPLE', 'SIGVALUE']) expect(text).not.toContain(secret);
    expect(data.url).toMatch(/^http:\/\/127\.0\.0\.1:4567\/api\/activities\/search\?term=x&api_key=/);
    expect(data.GET).toEqual({
      term: 'x',
      api_key: '[REDACTED]',
      AWSAccessKeyId: expect.stringMatching(/REDACTED/),
      Signature: expect.stringMatching(/REDACTED/),
    });
  });
});
