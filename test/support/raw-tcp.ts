import { connect } from 'node:net';

/**
 * Nest's TCP framing (`<length>#<json>`, the length in UTF-16 units) by hand: sends `packets` on
 * one connection and resolves with the first `expected` replies (one per request; events get none).
 */
export function tcpExchange(
  port: number,
  packets: string[],
  expected = packets.length,
): Promise<Array<Record<string, unknown>>> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const replies: Array<Record<string, unknown>> = [];
    let buffer = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`tcp://127.0.0.1:${port} answered ${replies.length} of ${expected} messages in 10 s`));
    }, 10_000);
    socket.setEncoding('utf8');
    socket.on('connect', () => socket.write(packets.map((packet) => `${packet.length}#${packet}`).join('')));
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      for (let hash = buffer.indexOf('#'); hash !== -1; hash = buffer.indexOf('#')) {
        const length = Number(buffer.slice(0, hash));
        if (buffer.length < hash + 1 + length) break;
        replies.push(JSON.parse(buffer.slice(hash + 1, hash + 1 + length)) as Record<string, unknown>);
        buffer = buffer.slice(hash + 1 + length);
      }
      if (replies.length >= expected) {
        clearTimeout(timer);
        socket.end();
        resolve(replies);
      }
    });
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}
