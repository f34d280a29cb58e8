import type { Server, ServerResponse } from 'node:http';
import { Server as NetServer, type Socket } from 'node:net';
import { type Drainable, socketsClosed } from '@app/common';

/**
 * How long a keep-alive socket that is idle when the drain begins stays open: a request already on
 * its way on it (a client sends its next request the moment it reads an answer) is answered, with
 * `Connection: close`, instead of meeting a closed socket. Short enough to be "at once" for a
 * shutdown; a client that is really idle loses nothing by the wait.
 */
export const IDLE_SOCKET_GRACE_MS = 100;

/**
 * Prepares an HTTP server for a graceful stop under keep-alive traffic, which Node's `close()`
 * alone never finishes: call it once, right after the server is created (it tracks the responses
 * in flight). Its `drain`: no new connections; every answer from then on, those in flight
 * included, carries `Connection: close`, so each busy socket closes right after its current
 * response; idle sockets are closed after IDLE_SOCKET_GRACE_MS (`closeIdleConnections()`), and so
 * are the ones a response sent earlier left idle.
 */
export function drainableHttpServer(server: Server): Drainable {
  const inFlight = new Set<ServerResponse>();
  const sockets = new Set<Socket>();
  let draining = false;
  let idleSweep: NodeJS.Timeout | undefined;

  const closeAfterAnswer = (response: ServerResponse): void => {
    if (!response.headersSent) response.setHeader('Connection', 'close');
  };
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  // Before the app's own listener: a handler that answers synchronously must already see the header.
  server.prependListener('request', (_request, response: ServerResponse) => {
    if (draining) closeAfterAnswer(response);
    inFlight.add(response);
    response.once('close', () => inFlight.delete(response));
  });

  return {
    drainName: 'HTTP',
    drain(timeoutMs) {
      if (!draining) {
        draining = true;
        for (const response of inFlight) closeAfterAnswer(response);
        // net.Server's close, not http.Server's: the latter also closes idle sockets at once.
        if (server.listening) NetServer.prototype.close.call(server);
        idleSweep = setInterval(() => server.closeIdleConnections(), IDLE_SOCKET_GRACE_MS);
        idleSweep.unref();
      }
      return socketsClosed(sockets, timeoutMs).finally(() => clearInterval(idleSweep));
    },
  };
}
