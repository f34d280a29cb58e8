// Readiness is decided by the supervisor itself, from outside, the way a client
// sees the app: a port that accepts a TCP connection. A log line can lie (or be
// filtered by LOG_LEVEL); an accepted connection cannot.
import { Socket } from 'node:net';

/** Whether something accepts TCP connections on `host:port` (gives up after `timeoutMs`). */
export function accepts({ host, port }, timeoutMs = 500) {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (result) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.connect(port, host);
  });
}
