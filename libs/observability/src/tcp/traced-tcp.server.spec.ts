import type { AddressInfo } from 'node:net';
import { Controller, type INestMicroservice } from '@nestjs/common';
import { EventPattern, MessagePattern, Payload } from '@nestjs/microservices';
import { Test } from '@nestjs/testing';
import { tcpExchange } from '../../../../test/support/raw-tcp';
import { createTracedTcpServer } from './traced-tcp.server';

@Controller()
class EchoController {
  readonly events: unknown[] = [];

  @MessagePattern('echo')
  echo(@Payload() payload: unknown): unknown {
    return { echoed: payload };
  }

  @EventPattern('seen')
  seen(@Payload() payload: unknown): void {
    this.events.push(payload);
  }
}

const deep = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

describe('createTracedTcpServer: messages nesting too deep', () => {
  let server: INestMicroservice;
  let controller: EchoController;
  let port: number;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ controllers: [EchoController] }).compile();
    controller = moduleRef.get(EchoController);
    server = moduleRef.createNestMicroservice(
      createTracedTcpServer({ host: '127.0.0.1', port: 0, serviceName: 'echo' }),
    );
    server.useLogger(false);
    await server.listen();
    port = server.unwrap<{ address(): AddressInfo }>().address().port;
  });

  afterAll(() => server?.close());

  it('answers a request with a 400 error packet naming the limit; the event is dropped; the connection keeps working', async () => {
    const replies = await tcpExchange(
      port,
      [
        `{"pattern":"echo","data":{"message":${deep(3000)}},"id":"deep"}`,
        `{"pattern":"seen","data":${deep(3000)}}`,
        '{"pattern":"seen","data":{"n":1}}',
        '{"pattern":"echo","data":{"n":2},"id":"after"}',
      ],
      2,
    );
    expect(replies).toEqual([
      {
        id: 'deep',
        isDisposed: true,
        err: {
          statusCode: 400,
          error: 'Bad Request',
          message: expect.stringMatching(
            /^Message is not valid JSON: JSON nests deeper than 64 levels \(at position \d+\)$/,
          ),
        },
      },
      expect.objectContaining({ id: 'after', response: { echoed: { n: 2 } } }),
    ]);
    expect(controller.events).toEqual([{ n: 1 }]);
  });
});
