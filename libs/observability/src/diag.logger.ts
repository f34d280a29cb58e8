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
 * What a diagnostic is about, for pacing: the span pipeline's trouble (the exporter failing or
 * timing out, the batch queue full and dropping) is one destination's, the OTLP endpoint's, and
 * is said once a minute whatever its wording or level; X-Ray's OTLP endpoint (AWS_XRAY_MODE=otlp)
 * is another destination, whose trouble must not hide the first's; anything else is paced by its kind.
 */
function subjectOf(message: string, args: unknown[]): string {
  const text = [message, ...args.map((arg) => (arg instanceof Error ? `${arg.message} ${arg.stack}` : String(arg)))];
  const joined = text.join(' ');
  if (/x-ray otlp|no aws credentials/i.test(joined)) return 'x-ray otlp export';
  // The SDK hands an exporter's network failure over as the bare serialized error
  // (`{"message":"connect ECONNREFUSED …","syscall":"connect",…}`): the OTLP endpoint's trouble too.
  return /span|export|otlp|"syscall"|ECONN|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|socket hang up/i.test(joined)
    ? 'span export'
    : kindOf(message);
}

/**
 * The SDK's own diagnostics (an exporter that cannot reach its endpoint,
 * a full queue) on the console: the span export's trouble at most once a
 * minute in all, any other kind of message at most once a minute:
 * telemetry trouble is reported, never thrown, and never floods the log.
 * A class only because OpenTelemetry wants a DiagLogger; the pacing is ThrottledWarning's.
 */
class ThrottledDiagLogger implements DiagLogger {
  // One pacing for both levels: an export error and a full queue are the same destination's trouble.
  private readonly lines = new ThrottledWarning((line) =>
    line.includes(' telemetry error: ') ? console.error(line) : console.warn(line),
  );

  constructor(private readonly service: string) {}

  error(message: string, ...args: unknown[]): void {
    this.lines.warn(this.line('error', message, args), subjectOf(message, args));
  }
  warn(message: string, ...args: unknown[]): void {
    this.lines.warn(this.line('warn', message, args), subjectOf(message, args));
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
