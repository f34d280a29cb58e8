import { type AddressInfo, type Server, type Socket, connect, createServer } from 'node:net';
import { MAX_JSON_DEPTH } from '@app/common';
import { depthLimitedJsonSocket } from './depth-limited-json.socket';

const frame = (text: string): string => `${text.length}#${text}`;
const nested = (depth: number): string => `${'['.repeat(depth)}${']'.repeat(depth)}`;

describe('depthLimitedJsonSocket', () => {
  const Refusing = depthLimitedJsonSocket((head, error) => ({ ...head, refused: error.message }));
  let server: Server;
  let client: Socket;
  let received: unknown[];
  let errors: unknown[];

  beforeEach(async () => {
    received = [];
    errors = [];
    server = createServer((socket) => {
      const json = new Refusing(socket);
      json.on('message', (message) => received.push(message));
      json.on('error', (error) => errors.push(error));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    client = connect((server.address() as AddressInfo).port, '127.0.0.1');
    await new Promise((resolve) => client.once('connect', resolve));
  });

  afterEach(async () => {
    client.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  const until = async (count: number) => {
    for (let i = 0; i < 200 && received.length < count; i++) await new Promise((resolve) => setTimeout(resolve, 10));
  };

  it('hands on messages within the limit as Nest would', async () => {
    const packet = { pattern: 'notifications.list', data: JSON.parse(nested(MAX_JSON_DEPTH - 1)) as unknown, id: 'a' };
    client.write(frame(JSON.stringify(packet)));
    await until(1);
    expect(received).toEqual([packet]);
  });

  it('replaces a deeper message by the refusal, keeping its id and pattern, and the connection keeps working', async () => {
    const deep = `{"pattern":"activities.create","data":{"message":${nested(3000)}},"id":"b"}`;
    client.write(frame(deep) + frame('{"pattern":"activities.health","data":{},"id":"c"}'));
    await until(2);
    expect(received).toEqual([
      {
        id: 'b',
        pattern: 'activities.create',
        refused: expect.stringMatching(/^JSON nests deeper than 64 levels \(at position \d+\)$/),
      },
      { pattern: 'activities.health', data: {}, id: 'c' },
    ]);
    expect(errors).toEqual([]);
  });

  it('leaves what is not JSON at all to Nest: an error on the socket', async () => {
    client.write(frame(`${nested(100)}x`));
    for (let i = 0; i < 100 && errors.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(received).toEqual([]);
    expect(errors).toHaveLength(1);
  });
});
