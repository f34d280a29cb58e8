import { ItemSink } from './testing/item-sink.fixture';
import { createErrorReporter } from './error-reporter.factory';

describe('error reports keep secrets in the process', () => {
  let sink: ItemSink;

  beforeEach(async () => {
    sink = await ItemSink.start();
  });
  afterEach(() => sink.stop());

  const reporter = () =>
    createErrorReporter({
      serviceName: 'gateway',
      serviceVersion: '1',
      rollbar: {
        accessToken: 'local-token',
        environment: 'test',
        endpoint: sink.endpoint,
        codeRoot: '/srv',
        reportClientErrors: true,
      },
    });

  it('sends neither the Authorization header nor a password from the body', async () => {
    const errors = reporter();
    errors.reportHandlerError(new Error('handler failed'), {
      status: 500,
      http: {
        method: 'POST',
        url: '/api/activities?access_token=q-s3cr3t&term=ok',
        headers: {
          host: 'localhost:4567',
          authorization: 'Bearer s3cr3t-t0ken',
          cookie: 'session=c00kie-s3cr3t',
          'set-cookie': ['sid=set-c00kie'],
          'x-api-key': 'k3y-s3cr3t',
          'content-type': 'application/json',
        },
        body: {
          handle: 'worf',
          password: 'hunter2',
          nested: { clientSecret: 'cl13nt', items: [{ apiKey: 'ap1k3y' }] },
        },
      },
    });
    await errors.flush();

    expect(sink.items).toHaveLength(1);
    const [{ raw, data }] = sink.items;
    for (const secret of [
      's3cr3t-t0ken',
      'hunter2',
      'c00kie-s3cr3t',
      'set-c00kie',
      'k3y-s3cr3t',
      'q-s3cr3t',
      'cl13nt',
      'ap1k3y',
    ]) {
      expect(raw).not.toContain(secret);
    }
    // What is not secret still arrives.
    const request = data.request as { body: string; headers: Record<string, unknown>; GET: Record<string, unknown> };
    expect(JSON.parse(request.body)).toMatchObject({ handle: 'worf' });
    expect(request.headers.host).toBe('localhost:4567');
    expect(request.GET.term).toBe('ok');
  });

  it('masks secrets quoted in an error message, a raw body and custom data', async () => {
    // Rollbar sends the source lines around each frame: the secrets must not be literals here.
    const password = ['hun', 'ter', '2'].join('');
    const token = ['s3cr3t', 't0ken'].join('-');
    const errors = reporter();
    let parseError: unknown;
    try {
      JSON.parse(`{"handle": "worf", "password": ${password}}`); // the message quotes the text
    } catch (error) {
      parseError = new Error(`Request body is not valid JSON: ${(error as Error).message}`, { cause: error });
    }
    expect(String((parseError as Error).message)).toContain(password);
    errors.reportHandlerError(parseError, {
      status: 400,
      http: {
        method: 'POST',
        url: '/api/activities',
        headers: { 'content-type': 'text/plain' },
        body: `password=${password}&handle=worf`,
      },
    });
    errors.message(`login with Authorization: Bearer ${token} failed`, 'error', { user: { password, token } });
    await errors.flush();

    expect(sink.items).toHaveLength(2);
    for (const { raw } of sink.items) {
      expect(raw).not.toContain(password);
      expect(raw).not.toContain(token);
    }
    expect((sink.items[0].data.request as { body: string }).body).toMatch(/handle=worf/);
  });

  it('never changes the error it reports', async () => {
    const errors = reporter();
    const error = new Error('password=kept-as-is');
    const stack = error.stack;
    errors.reportHandlerError(error, { status: 500 });
    await errors.flush();
    expect(sink.items[0].raw).not.toContain('password=kept-as-is');
    expect(error.message).toBe('password=kept-as-is');
    expect(error.stack).toBe(stack);
  });
});
