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
