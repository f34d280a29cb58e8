import { type DiagLogger, DiagLogLevel, diag } from '@opentelemetry/api';

const INTERVAL_MS = 60_000;

/**
 * The SDK's own diagnostics (an exporter that cannot reach its endpoint,
 * a full queue) on the console, each distinct message at most once a minute:
 * telemetry trouble is reported, never thrown, and never floods the log.
 */
class OncePerMinuteLogger implements DiagLogger {
  private readonly lastSeen = new Map<string, number>();

  constructor(private readonly service: string) {}

  error(message: string, ...args: unknown[]): void {
    this.log('error', message, args);
  }
  warn(message: string, ...args: unknown[]): void {
    this.log('warn', message, args);
  }
  info(): void {}
  debug(): void {}
  verbose(): void {}

  private log(level: 'error' | 'warn', message: string, args: unknown[]): void {
    // Ids vary from one occurrence to the next; the kind of message is what repeats.
    const key = message.replace(/[0-9a-f]{16,32}/gi, '*').slice(0, 120);
    const now = Date.now();
    if (now - (this.lastSeen.get(key) ?? -Infinity) < INTERVAL_MS) return;
    if (this.lastSeen.size > 500) this.lastSeen.clear();
    this.lastSeen.set(key, now);
    const detail = args.map((arg) => (arg instanceof Error ? arg.message : typeof arg === 'string' ? arg : '')).filter(Boolean).join(' ');
    console[level](`[${this.service}] telemetry ${level}: ${message}${detail ? ` ${detail}` : ''} (repeats are silenced for a minute)`);
  }
}

/** Routes OpenTelemetry's diagnostics to the console, rate-limited. */
export function installDiagLogger(service: string): void {
  diag.setLogger(new OncePerMinuteLogger(service), { logLevel: DiagLogLevel.WARN, suppressOverrideMessage: true });
}
