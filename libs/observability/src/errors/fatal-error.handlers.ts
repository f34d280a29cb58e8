/** What the fatal handlers need from a reporter. */
export interface FatalReporting {
  /** Queues a report of the fatal error (never throws). */
  reportFatal(error: unknown, origin: 'uncaughtException' | 'unhandledRejection'): void;
  flush(timeoutMs: number): Promise<void>;
}

/** How long a dying process waits for its report (and `onFatal`) before exiting anyway. */
export const FATAL_FLUSH_TIMEOUT_MS = 5_000;

/**
 * Installs `uncaughtException` and `unhandledRejection` handlers that report the error, give
 * `onFatal` the error (to log it), wait for delivery (bounded), then exit with code 1. Node's
 * own behaviour is to print and exit 1 at once; a handler of ours must do both itself, and
 * Rollbar's `captureUncaught` would not exit at all, leaving a process in an unknown state.
 */
export function installFatalHandlers(
  service: string,
  reporting: FatalReporting | undefined,
  onFatal: ((error: unknown) => void) | undefined,
  exit: (code: number) => void = (code) => process.exit(code),
): void {
  let dying = false;
  const die = (origin: 'uncaughtException' | 'unhandledRejection') => (error: unknown) => {
    if (dying) {
      // A second failure while the first is being reported: say so, the exit is already on its way.
      console.error(`[${service}] another ${origin} while exiting:`, error);
      return;
    }
    dying = true;
    process.exitCode = 1;
    const pending: Array<Promise<unknown>> = [];
    try {
      reporting?.reportFatal(error, origin);
    } catch {
      // the reporter never throws; if it did, exiting matters more
    }
    try {
      if (onFatal) pending.push(Promise.resolve(onFatal(error) as unknown).catch(() => undefined));
      else console.error(`[${service}] ${origin}:`, error);
    } catch (logError) {
      console.error(`[${service}] ${origin}:`, error, '(onFatal failed:', logError, ')');
    }
    if (reporting) pending.push(reporting.flush(FATAL_FLUSH_TIMEOUT_MS));
    const deadline = new Promise((resolve) => setTimeout(resolve, FATAL_FLUSH_TIMEOUT_MS));
    void Promise.race([Promise.all(pending), deadline]).finally(() => exit(1));
  };
  process.on('uncaughtException', die('uncaughtException'));
  process.on('unhandledRejection', die('unhandledRejection'));
}
