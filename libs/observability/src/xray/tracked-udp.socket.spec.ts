import { createSocket } from 'node:dgram';
import type { AddressInfo } from 'node:net';
import { TrackedUdpSocket } from './tracked-udp.socket';
import { UdpDaemonFixture } from './testing/udp-daemon.fixture';

const HEADER = '{"format":"json","version":1}\n';

function datagram(id: string): Buffer {
  return Buffer.from(`${HEADER}{"id":"${id}"}`);
}

function sendAll(socket: TrackedUdpSocket, ids: string[], port: number, address: string): Promise<(Error | null)[]> {
  return Promise.all(
    ids.map(
      (id) =>
        new Promise<Error | null>((resolve) => {
          const message = datagram(id);
          socket.send(message, 0, message.length, port, address, resolve);
        }),
    ),
  );
}

describe('TrackedUdpSocket', () => {
  it('delivers datagrams sent while it connects and after, and idle() waits for them', async () => {
    const daemon = await UdpDaemonFixture.start();
    const socket = new TrackedUdpSocket();
    try {
      const [address, port] = daemon.address.split(':');
      const first = sendAll(socket, ['a', 'b'], Number(port), address);
      await socket.idle();
      expect(socket.sent).toBe(2);
      await first;
      // By now the socket is connected: these go without an address.
      await sendAll(socket, ['c', 'd'], Number(port), address);
      const documents = await daemon.waitFor(4);
      expect(documents.map((document) => document.id).sort()).toEqual(['a', 'b', 'c', 'd']);
      expect(socket.refusals).toBe(0);
    } finally {
      await socket.close();
      await daemon.close();
    }
  });

  it('follows a new daemon address', async () => {
    const first = await UdpDaemonFixture.start();
    const second = await UdpDaemonFixture.start();
    const socket = new TrackedUdpSocket();
    try {
      const [address, port] = first.address.split(':');
      await sendAll(socket, ['one'], Number(port), address);
      const [address2, port2] = second.address.split(':');
      await sendAll(socket, ['two'], Number(port2), address2);
      await expect(first.waitFor(1)).resolves.toEqual([{ id: 'one' }]);
      await expect(second.waitFor(1)).resolves.toEqual([{ id: 'two' }]);
    } finally {
      await socket.close();
      await first.close();
      await second.close();
    }
  });

  it('counts "nothing listens" as a refusal, never as a thrown error, and keeps sending', async () => {
    // A port that was just free: nothing listens there.
    const probe = createSocket('udp4');
    await new Promise<void>((resolve) => probe.bind(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const socket = new TrackedUdpSocket();
    try {
      await sendAll(socket, ['x'], port, '127.0.0.1');
      await new Promise((resolve) => setTimeout(resolve, 50));
      await sendAll(socket, ['y', 'z'], port, '127.0.0.1');
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(socket.sent).toBe(3);
      expect(socket.refusals).toBeGreaterThan(0);
    } finally {
      await socket.close();
    }
  });

  it('still sends with the address when the daemon host name does not resolve', async () => {
    const socket = new TrackedUdpSocket();
    try {
      const errors = await sendAll(socket, ['x', 'y'], 2000, 'no-such-daemon.invalid');
      // Each send reports its own lookup failure to its callback, as the SDK's socket does.
      expect(errors.every((error) => error !== null)).toBe(true);
      expect(socket.sent).toBe(2);
    } finally {
      await socket.close();
    }
  });
});
