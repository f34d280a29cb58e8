/**
 * A server that can stop gracefully: no new connections, what is in flight answered, then its
 * connections closed. Implemented by the HTTP drain (`@app/platform`) and the traced TCP server
 * (`@app/observability`); `exitOnSignals` drains them all before the app closes.
 */
export interface Drainable {
  /** What is drained, for the shutdown log (`HTTP`, `TCP`). */
  readonly drainName: string;
  /**
   * Stops accepting connections, lets the work in flight finish and closes each connection once it
   * is quiet. Past `timeoutMs` the connections still open are destroyed, so that the flush that
   * follows keeps its share of the shutdown time. Resolves once no connection is left; never rejects.
   */
  drain(timeoutMs: number): Promise<void>;
}

/** What {@link socketsClosed} waits on: a live set of a server's open sockets. */
export interface ClosableSocket {
  destroy(): void;
}

/**
 * The end of every drain: resolves once `sockets` (kept up to date by the server) is empty, or at
 * `timeoutMs`, after destroying the sockets still open. Never rejects.
 */
export function socketsClosed(sockets: ReadonlySet<ClosableSocket>, timeoutMs: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const finish = (): void => {
      clearTimeout(deadline);
      clearInterval(poll);
      resolve();
    };
    const deadline = setTimeout(() => {
      for (const socket of sockets) socket.destroy();
      finish();
    }, timeoutMs);
    const poll = setInterval(() => sockets.size === 0 && finish(), 20);
    if (sockets.size === 0) finish();
  });
}
