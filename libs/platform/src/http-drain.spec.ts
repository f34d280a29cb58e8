import { Agent, type IncomingMessage, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { IDLE_SOCKET_GRACE_MS, drainableHttpServer } from './http-drain';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('drainableHttpServer', () => {
  it('answers what is in flight with Connection: close, closes idle keep-alive sockets, and resolves once none is left', async () => {
    const server = createServer((req, res) => {
      const delay = req.url === '/slow' ? 300 : 0;
      setTimeout(() => res.end('ok'), delay);
    });
    const drain = drainableHttpServer(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const agent = new Agent({ keepAlive: true, maxSockets: 4 });
    const get = (path: string) =>
      new Promise<IncomingMessage>((resolve, reject) => {
        const req = request(`${base}${path}`, { agent }, (res) => {
          res.resume();
          res.on('end', () => resolve(res));
        });
        req.on('error', reject);
        req.end();
      });

    // Two sockets: one left idle in the agent's pool, one busy when the drain begins.
    const before = await Promise.all([get('/'), get('/')]);
    expect(before.map((res) => res.headers.connection)).toEqual(['keep-alive', 'keep-alive']);
    const slow = get('/slow');
    await sleep(50);
    const started = Date.now();
    const drained = drain.drain(5000);
    // A request that arrives on a kept-alive socket during the grace is answered, saying close.
    const late = await get('/');
    const answered = await slow;
    await drained;

    expect(answered.headers.connection).toBe('close');
    expect(late.headers.connection).toBe('close');
    expect(Date.now() - started).toBeLessThan(1000);
    expect(server.listening).toBe(false);
    await expect(new Promise((resolve) => server.getConnections((_, count) => resolve(count)))).resolves.toBe(0);
    agent.destroy();
  });

  it('destroys the connections still open when its time is up', async () => {
    const server = createServer(() => undefined); // never answers
    const drain = drainableHttpServer(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const failed = new Promise<string>((resolve) => {
      const req = request(`http://127.0.0.1:${port}/`, () => resolve('answered'));
      req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
      req.end();
    });
    await sleep(50);
    const started = Date.now();
    await drain.drain(IDLE_SOCKET_GRACE_MS * 3);
    expect(Date.now() - started).toBeLessThan(IDLE_SOCKET_GRACE_MS * 3 + 200);
    expect(await failed).toBe('ECONNRESET');
  });
});
