import { createServer, type Server } from 'node:http';
import { HttpDependencyClient } from './http-dependency.client';
import { httpFailure } from './testing/http-failure';

/** A real HTTP server on loopback whose answer each test chooses. */
function listen(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; url: string }> {
  const server = createServer(handler);
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}` }),
    ),
  );
}

describe('HttpDependencyClient', () => {
  let server: Server | undefined;

  afterEach(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    server = undefined;
  });

  it('sends JSON with repeated query parameters and parses the JSON answer', async () => {
    let seen = { method: '', url: '', type: '', body: '' };
    const started = await listen((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        seen = { method: req.method ?? '', url: req.url ?? '', type: req.headers['content-type'] ?? '', body };
        res.setHeader('content-type', 'application/json').end('{"ok":true}');
      });
    });
    server = started.server;
    const client = new HttpDependencyClient({ name: 'activities', baseUrl: started.url, timeoutMs: 1000 });
    await expect(client.get('/activities', { uuid: ['a', 'b'], term: 'x y' })).resolves.toEqual({ ok: true });
    expect(seen).toMatchObject({ method: 'GET', url: '/activities?uuid=a&uuid=b&term=x+y' });
    await client.post('/activities', { handle: 'worf' });
    expect(seen).toMatchObject({ method: 'POST', type: 'application/json', body: '{"handle":"worf"}' });
  });

  it('refuses an answer nesting deeper than the JSON depth limit as not JSON, before parsing it', async () => {
    const deep = `{"message":${'['.repeat(3000)}${']'.repeat(3000)}}`;
    const started = await listen((_req, res) => res.setHeader('content-type', 'application/json').end(deep));
    server = started.server;
    const client = new HttpDependencyClient({ name: 'activities', baseUrl: started.url, timeoutMs: 1000 });
    expect(await httpFailure(client.get('/activities/home'))).toEqual({
      status: 502,
      body: expect.objectContaining({ message: 'activities failed: answered 200 with a body that is not JSON' }),
    });
  });

  it('relays a 4xx answer with its body', async () => {
    const started = await listen((_req, res) => res.writeHead(404).end('{"statusCode":404,"message":"No activity x"}'));
    server = started.server;
    const client = new HttpDependencyClient({ name: 'activities', baseUrl: started.url, timeoutMs: 1000 });
    expect(await httpFailure(client.get('/activities/x'))).toEqual({
      status: 404,
      body: { statusCode: 404, message: 'No activity x' },
    });
  });

  it('turns a 500 or a body that is not JSON into a 502 naming the dependency', async () => {
    const started = await listen((req, res) =>
      req.url === '/boom' ? res.writeHead(500).end('{"message":"kaput"}') : res.end('<html>'),
    );
    server = started.server;
    const client = new HttpDependencyClient({ name: 'activities', baseUrl: started.url, timeoutMs: 1000 });
    expect(await httpFailure(client.get('/boom'))).toMatchObject({
      status: 502,
      body: { dependency: 'activities', message: 'activities failed: kaput' },
    });
    expect(await httpFailure(client.get('/html'))).toMatchObject({
      status: 502,
      body: { message: 'activities failed: answered 200 with a body that is not JSON' },
    });
  });

  it('answers 503 when nothing listens and 504 when the answer is too slow', async () => {
    const started = await listen(() => undefined);
    server = started.server;
    const slow = new HttpDependencyClient({ name: 'activities', baseUrl: started.url, timeoutMs: 100 });
    expect(await httpFailure(slow.get('/'))).toMatchObject({
      status: 504,
      body: { dependency: 'activities', message: 'activities did not answer within 100 ms' },
    });
    const closed = await listen(() => undefined);
    await new Promise((resolve) => closed.server.close(resolve));
    const refused = new HttpDependencyClient({ name: 'activities', baseUrl: closed.url, timeoutMs: 1000 });
    const failure = refused.get('/');
    const { status, body } = await httpFailure(failure);
    expect(status).toBe(503);
    // The answer names the error's code, not the address; the error's own message (logs, traces) has it.
    expect(body.message).toBe('activities is unavailable (ECONNREFUSED)');
    await expect(failure).rejects.toThrow(
      new RegExp(`^activities is unavailable: .*ECONNREFUSED .*${new URL(closed.url).port}`),
    );
  });

  it('sends a GET once more when its connection is closed before any answer (a dependency draining); never a POST', async () => {
    let requests = 0;
    const started = await listen((req, res) => {
      requests += 1;
      // Every other request meets its connection closed, unanswered, as an idle kept-alive socket closing.
      if (requests % 2 === 1) return req.socket.destroy();
      res.setHeader('content-type', 'application/json').end('{"ok":true}');
    });
    server = started.server;
    const client = new HttpDependencyClient({ name: 'activities', baseUrl: started.url, timeoutMs: 1000 });
    await expect(client.get('/activities/home')).resolves.toEqual({ ok: true });
    expect(requests).toBe(2);
    requests = 2;
    expect(await httpFailure(client.post('/activities', { handle: 'worf' }))).toMatchObject({
      status: 503,
      body: { dependency: 'activities' },
    });
    expect(requests).toBe(3);
  });
});
