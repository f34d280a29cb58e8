import { REDACTED, redact, redactString } from './redact';

describe('redact', () => {
  it('replaces credential-named keys at any depth, in objects and arrays', () => {
    const input = {
      headers: {
        Authorization: 'Basic dXNlcjpwYXNz',
        cookie: 'session=1',
        'set-cookie': ['a=1', 'b=2'],
        'x-request-id': 'r1',
      },
      body: {
        handle: 'worf',
        password: 'hunter2',
        passwd: 'x',
        nested: [{ access_token: 't1' }, { refreshToken: 't2' }, { ok: 1 }],
      },
      client_secret: 's',
      api_key: 'k1',
      apikey: 'k2',
      stripe_key: 'k3',
      token: 't3',
    };
    expect(redact(input)).toEqual({
      headers: { Authorization: REDACTED, cookie: REDACTED, 'set-cookie': REDACTED, 'x-request-id': 'r1' },
      body: {
        handle: 'worf',
        password: REDACTED,
        passwd: REDACTED,
        nested: [{ access_token: REDACTED }, { refreshToken: REDACTED }, { ok: 1 }],
      },
      client_secret: REDACTED,
      api_key: REDACTED,
      apikey: REDACTED,
      stripe_key: REDACTED,
      token: REDACTED,
    });
    expect(input.body.password).toBe('hunter2'); // the input is not modified
  });

  it('masks Bearer/Basic credentials and sensitive name=value pairs inside strings', () => {
    expect(redact(['Authorization: Bearer eyJhbGciOi.J9.x-y_z', 'basic dXNlcjpwYXNz=='])).toEqual([
      `Authorization: Bearer ${REDACTED}`,
      `basic ${REDACTED}`,
    ]);
    expect(redactString('/api/search?term=cloud&access_token=abc123&page=2')).toBe(
      `/api/search?term=cloud&access_token=${REDACTED}&page=2`,
    );
    expect(redactString('no secrets here')).toBe('no secrets here');
  });

  it('gives plain JSON data: errors, cycles, bigints, dates', () => {
    const error = Object.assign(new Error('boom Bearer abc'), { code: 'E1', token: 'x' });
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.self = cyclic;
    const shared = { a: 1 };
    const out = redact({ error, cyclic, big: 10n, at: new Date(0), twice: [shared, shared] }) as Record<
      string,
      Record<string, unknown>
    >;
    expect(out.error).toMatchObject({ name: 'Error', message: `boom Bearer ${REDACTED}`, code: 'E1', token: REDACTED });
    expect(typeof out.error.stack).toBe('string');
    expect(out.cyclic).toEqual({ name: 'loop', self: '[Circular]' });
    expect(out.big).toBe('10');
    expect(out.at).toBe('1970-01-01T00:00:00.000Z');
    expect(out.twice).toEqual([{ a: 1 }, { a: 1 }]);
    expect(() => JSON.stringify(out)).not.toThrow();
  });
});
