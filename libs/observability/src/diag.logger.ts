import { ThrottledWarning } from '@app/common';
import { type DiagLogger, DiagLogLevel, diag } from '@opentelemetry/api';

/**
 * Ids and counts vary from one occurrence to the next (`Dropped 576 spans…`, then `Dropped 739
 * spans…`); the kind of message is what repeats.
 */
function kindOf(message: string): string {
  return message.replace(/[0-9a-f]{16,32}|\d+/gi, '*').slice(0, 120);
}

/**
 * The SDK's own diagnostics (an exporter that cannot reach its endpoint,
 * a full queue) on the console, each kind of message at most once a minute:
 * telemetry trouble is reported, never thrown, and never floods the log.
 * A class only because OpenTelemetry wants a DiagLogger; the pacing is ThrottledWarning's.
 */
class ThrottledDiagLogger implements DiagLogger {
  private readonly errors = new ThrottledWarning((line) => console.error(line));
  private readonly warnings = new ThrottledWarning((line) => console.warn(line));

  constructor(private readonly service: string) {}

  error(message: string, ...args: unknown[]): void {
    this.errors.warn(this.line('error', message, args), kindOf(message));
  }
  warn(message: string, ...args: unknown[]): void {
    this.warnings.warn(this.line('warn', message, args), kindOf(message));
  }
  info(): void {}
  debug(): void {}
  verbose(): void {}

  private line(level: 'error' | 'warn', message: string, args: unknown[]): string {
    const detail = args
      .map((arg) => (arg instanceof Error ? arg.message : typeof arg === 'string' ? arg : ''))
      .filter(Boolean)
      .join(' ');
    return `[${this.service}] telemetry ${level}: ${message}${detail ? ` ${detail}` : ''}`;
  }
}

/** Routes OpenTelemetry's diagnostics to the console, rate-limited. */
export function installDiagLogger(service: string): void {
  diag.setLogger(new ThrottledDiagLogger(service), { logLevel: DiagLogLevel.WARN, suppressOverrideMessage: true });
}
