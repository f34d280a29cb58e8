// Free loopback ports for the scripts that start apps on their own ports (the benchmarks).
import { createServer } from 'node:net';

// The system may offer a port it has just released again at once: two apps of one run would
// then get the same one. Ports handed out by this process are never handed out again.
const handedOut = new Set();

/** A port that was free on 127.0.0.1 a moment ago, never one this process handed out before. */
export async function freePort() {
  for (;;) {
    const port = await systemPort();
    if (handedOut.has(port)) continue;
    handedOut.add(port);
    return port;
  }
}

function systemPort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}
