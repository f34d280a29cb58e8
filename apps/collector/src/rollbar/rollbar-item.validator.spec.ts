import { protocolFailure } from '../common/testing/protocol-failure';
import { parseRollbarJson, validateRollbarPayload } from './rollbar-item.validator';

const trace = { exception: { class: 'TypeError', message: 'boom' }, frames: [{ filename: 'a.js', lineno: 1 }] };
const payload = (data: Record<string, unknown>) => ({
  data: { environment: 'test', body: { message: { body: 'hi' } }, ...data },
});

describe('Rollbar item validation', () => {
  it.each([
    ['a message', { body: { message: { body: 'Hello World!', extra: 1 } } }],
    ['a trace', { body: { trace } }],
    ['a trace chain', { body: { trace_chain: [trace, trace] } }],
    ['a crash report', { body: { crash_report: { raw: 'stack' } } }],
    ['telemetry beside the kind', { body: { trace, telemetry: [] } }],
    ['every level', { level: 'critical' }],
    [
      'optional members',
      { uuid: 'd4c7b3a2-1111-2222-3333-444455556666', timestamp: 1, custom: { trace_id: 'x' }, person: { id: '1' } },
    ],
  ])('accepts %s', (_name, data) => {
    expect(validateRollbarPayload(payload(data)).data).toEqual(payload(data).data);
  });

  it('returns the body’s access token', () => {
    expect(validateRollbarPayload({ access_token: 'tok', ...payload({}) }).accessToken).toBe('tok');
  });

  it.each([
    ['not an object', [], 'The payload must be a JSON object with a data object, got array'],
    ['no data', {}, 'The payload has no data object'],
    ['data not an object', { data: 'x' }, 'data must be an object, got string'],
    ['no body', { data: {} }, 'data.body must be an object, got undefined'],
    [
      'no kind',
      payload({ body: {} }),
      'data.body must have exactly one of trace, trace_chain, message, crash_report; got none',
    ],
    [
      'unknown kind',
      payload({ body: { stack: 'x' } }),
      'data.body must have exactly one of trace, trace_chain, message, crash_report; got stack',
    ],
    ['two kinds', payload({ body: { trace, message: { body: 'x' } } }), 'got trace, message'],
    [
      'a trace without class',
      payload({ body: { trace: { exception: {}, frames: [] } } }),
      'data.body.trace.exception.class must be a non-empty string',
    ],
    [
      'a trace without frames',
      payload({ body: { trace: { exception: { class: 'E' } } } }),
      'data.body.trace.frames must be an array, got undefined',
    ],
    [
      'an empty trace chain',
      payload({ body: { trace_chain: [] } }),
      'data.body.trace_chain must be a non-empty array of traces',
    ],
    [
      'a message without body',
      payload({ body: { message: {} } }),
      'data.body.message must be an object with a string body',
    ],
    [
      'a bad level',
      payload({ level: 'fatal' }),
      'data.level must be one of critical, error, warning, info, debug, got "fatal"',
    ],
    [
      'a long environment',
      payload({ environment: 'e'.repeat(256) }),
      'data.environment must be at most 255 characters, got 256',
    ],
    ['a long uuid', payload({ uuid: 'u'.repeat(37) }), 'data.uuid must be at most 36 characters'],
    ['custom not an object', payload({ custom: 'x' }), 'data.custom must be an object, got string'],
    ['a token that is not a string', { access_token: 1, ...payload({}) }, 'access_token must be a string'],
  ])('refuses %s with 422 and a message saying what is wrong', (_name, body, message) => {
    expect(protocolFailure(() => validateRollbarPayload(body))).toMatchObject({
      status: 422,
      message: expect.stringContaining(message),
    });
  });

  it('refuses a body that is not JSON with 400', () => {
    expect(protocolFailure(() => parseRollbarJson(Buffer.from('{"data": ')))).toMatchObject({
      status: 400,
      message: expect.stringMatching(/^Request body is not valid JSON: /),
    });
    expect(parseRollbarJson(Buffer.from('{"data": {}}'))).toEqual({ data: {} });
  });
});
