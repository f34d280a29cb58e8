/**
 * Counts items between hand-over to Rollbar and their delivery callback, so that `flush` can wait
 * for exactly those. Rollbar's own `wait(callback)` keeps a single callback (a second flush would
 * silently replace the first) and a 500 ms poller that outlives a flush that gave up.
 */
export class InFlightTracker {
  private count = 0;
  private readonly waiters = new Set<() => void>();

  /** Marks one item as in flight; call the returned function (idempotent) when it is settled. */
  start(): () => void {
    this.count++;
    let settled = false;
    return () => {
      if (settled) return;
      settled = true;
      this.count--;
      if (this.count === 0) for (const wake of [...this.waiters]) wake();
    };
  }

  /** Resolves when nothing is in flight, or after `timeoutMs`. */
  idle(timeoutMs: number): Promise<void> {
    if (this.count === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.waiters.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, Math.max(0, timeoutMs));
      this.waiters.add(wake);
    });
  }

  get size(): number {
    return this.count;
  }
}
