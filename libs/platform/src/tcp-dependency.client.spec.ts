import { createServer, type Socket } from 'node:net';
import { Controller, NotFoundException, type INestMicroservice } from '@nestjs/common';
import { MessagePattern, Payload, Transport } from '@nestjs/microservices';
import { Test } from '@nestjs/testing';
import { AllExceptionsFilter } from './all-exceptions.filter';
import { TcpDependencyClient } from './tcp-dependency.client';
import { httpFailure } from './testing/http-failure';

@Controller()
class EchoController {
  @MessagePattern('echo')
  echo(@Payload() payload: unknown): unknown {
    return { echoed: payload };
  }

  @MessagePattern('missing')
  missing(): never {
    throw new NotFoundException('No such thing');
  }

  @MessagePattern('crash')
  crash(): never {
    throw new Error('database password is hunter2');
  }
}

describe('TcpDependencyClient against a real Nest TCP server', () => {
  let server: INestMicroservice;
  let port: number;
  let client: TcpDependencyClient;

  beforeAll(async () => {
    const module = await Test.createTestingModule({ controllers: [EchoController] }).compile();
    server = module.createNestMicroservice({ transport: Transport.TCP, options: { host: '127.0.0.1', port: 0 } });
    server.useGlobalFilters(new AllExceptionsFilter());
    server.useLogger(false);
    await server.listen();
    port = server.unwrap<{ address(): { port: number } }>().address().port;
    client = new TcpDependencyClient({ name: 'echo', host: '127.0.0.1', port, timeoutMs: 1000 });
  });

  afterAll(async () => {
    client.onApplicationShutdown();
    await server.close();
  });

  it('sends a request and resolves with the answer', async () => {
    await expect(client.send('echo', { n: 1 })).resolves.toEqual({ echoed: { n: 1 } });
  });

  it("relays a handler's 4xx with its message", async () => {
    expect(await httpFailure(client.send('missing', {}))).toMatchObject({
      status: 404,
      body: { message: 'No such thing' },
    });
  });

  it('fails a request whose reply nests deeper than the JSON depth limit with a 502, and the connection stays usable', async () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 3000; i++) deep = [deep];
    const { status, body } = await httpFailure(client.send('echo', deep));
    expect(status).toBe(502);
    expect(body).toMatchObject({ message: 'echo failed: unexpected answer', dependency: 'echo' });
    await expect(client.send('echo', { n: 2 })).resolves.toEqual({ echoed: { n: 2 } });
  });

  it('turns an unexpected handler error into a 502 that does not leak its message', async () => {
    const { status, body } = await httpFailure(client.send('crash', {}));
    expect(status).toBe(502);
    expect(body.message).toBe('echo failed: Internal server error');
    expect(JSON.stringify(body)).not.toContain('hunter2');
  });

  it('answers 503 when nothing listens', async () => {
    const refused = new TcpDependencyClient({ name: 'ghost', host: '127.0.0.1', port: 1, timeoutMs: 1000 });
    const { status, body } = await httpFailure(refused.send('echo', {}));
    expect(status).toBe(503);
    expect(body).toMatchObject({ dependency: 'ghost', message: 'ghost is unavailable (ECONNREFUSED)' });
    refused.onApplicationShutdown();
  });

  it('answers 504 when the peer accepts but never answers', async () => {
    const sockets: Socket[] = [];
    const hole = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => hole.listen(0, '127.0.0.1', resolve));
    const slow = new TcpDependencyClient({
      name: 'hole',
      host: '127.0.0.1',
      port: (hole.address() as { port: number }).port,
      timeoutMs: 150,
    });
    expect(await httpFailure(slow.send('echo', {}))).toMatchObject({
      status: 504,
      body: { message: 'hole did not answer within 150 ms' },
    });
    slow.onApplicationShutdown();
    sockets.forEach((socket) => socket.destroy());
    await new Promise((resolve) => hole.close(resolve));
  });
});
