import type { ErrorReporter } from './error-reporter';
import { installFatalHandlers } from './fatal-error.handlers';

/**
 * The reporter when no Rollbar token is configured: reports nothing. Its process
 * handlers still print the error, call `onFatal` and exit 1, so a service behaves the same on a
 * fatal error with or without Rollbar.
 */
export class DisabledErrorReporter implements ErrorReporter {
  readonly enabled = false;
  private installed = false;

  constructor(private readonly serviceName: string) {}

  reportHandlerError(): void {}

  message(): void {}

  flush(): Promise<void> {
    return Promise.resolve();
  }

  installProcessHandlers(onFatal?: (error: unknown) => void): void {
    if (this.installed) return;
    this.installed = true;
    installFatalHandlers(this.serviceName, undefined, onFatal);
  }
}
