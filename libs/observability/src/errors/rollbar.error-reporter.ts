import { ThrottledWarning } from '@app/common';
import type { SpanContext } from '@opentelemetry/api';
import type Rollbar from 'rollbar';
import { activeTraceFields, type TraceFields, traceFieldsOf } from '../logging/trace-fields';
import type { ErrorLevel, ErrorReporter, HandlerErrorContext } from './error-reporter';
import type { RollbarReporterOptions } from './error-reporter.options';
import { installFatalHandlers } from './fatal-error.handlers';
import { InFlightTracker } from './in-flight.tracker';
import { reportableError } from './reportable-error';
import { requestEnvelopeOf, type RequestEnvelope } from './request-data.builder';
import { redactSensitive, redactSensitiveText } from './sensitive-data.redactor';
import { messageOf } from '@app/common';
import { withoutTracing } from '../telemetry-call';

const DEFAULT_FLUSH_TIMEOUT_MS = 5_000;

/** Keys Rollbar lifts out of `custom` (`level` would override the item's level): not for callers. */
const RESERVED_CUSTOM_KEYS = ['level', 'skipFrames'];

/** Reports to Rollbar through its Node client; see `ErrorReporter` for the contract. */
export class RollbarErrorReporter implements ErrorReporter {
  readonly enabled = true;
  /** Errors already reported: an error seen by a TCP handler and again by the HTTP filter above it is one report. */
  private readonly reported = new WeakSet<object>();
  private readonly inFlight = new InFlightTracker();
  private readonly failures: ThrottledWarning;
  private installed = false;

  constructor(
    private readonly rollbar: Rollbar,
    private readonly serviceName: string,
    private readonly options: RollbarReporterOptions,
    now: () => number = Date.now,
  ) {
    this.failures = new ThrottledWarning((text) => console.warn(text), { now });
  }

  reportHandlerError(error: unknown, context: HandlerErrorContext): void {
    try {
      const clientError = context.status >= 400 && context.status < 500;
      if (clientError && !this.options.reportClientErrors) return;
      if (typeof error === 'object' && error !== null) {
        if (this.reported.has(error)) return;
        this.reported.add(error);
      }
      const custom: Record<string, unknown> = { status_code: context.status };
      if (context.rpc) custom.rpc = { pattern: context.rpc.pattern, payload: redactSensitive(context.rpc.payload) };
      const envelope = requestEnvelopeOf(context.http, context.rpc);
      this.send(clientError ? 'warning' : 'error', reportableError(error), envelope, custom, context);
    } catch (failure) {
      this.warnFailure(failure);
    }
  }

  message(text: string, level: ErrorLevel, extra?: Record<string, unknown>): void {
    try {
      const custom = { ...((redactSensitive(extra ?? {}) as Record<string, unknown>) ?? {}) };
      for (const key of RESERVED_CUSTOM_KEYS) delete custom[key];
      this.send(level, redactSensitiveText(text), { route: null }, custom, {});
    } catch (failure) {
      this.warnFailure(failure);
    }
  }

  flush(timeoutMs = DEFAULT_FLUSH_TIMEOUT_MS): Promise<void> {
    return this.inFlight.idle(timeoutMs);
  }

  installProcessHandlers(onFatal?: (error: unknown) => void): void {
    if (this.installed) return;
    this.installed = true;
    const reportFatal = (error: unknown, origin: string) => {
      try {
        this.send('critical', reportableError(error), { route: null }, { fatal: origin }, {});
      } catch (failure) {
        this.warnFailure(failure);
      }
    };
    installFatalHandlers(this.serviceName, { reportFatal, flush: (timeoutMs) => this.flush(timeoutMs) }, onFatal);
  }

  /**
   * Hands one item to Rollbar. The envelope goes first: Rollbar takes the first object argument
   * with a request-like key as the request, so `custom` can never be mistaken for it.
   */
  private send(
    level: ErrorLevel,
    subject: Error | string,
    envelope: RequestEnvelope,
    custom: Record<string, unknown>,
    context: Pick<HandlerErrorContext, 'spanContext'>,
  ): void {
    const fields = this.traceFields(context.spanContext);
    const settle = this.inFlight.start();
    const callback = (failure: Error | null | undefined) => {
      settle();
      if (failure) this.warnFailure(failure);
    };
    try {
      // Rollbar builds the item (reading source files) and posts it in callbacks chained from this call:
      // started outside any trace, its HTTP call is no span of the request that failed.
      withoutTracing(() =>
        this.rollbar[level](subject, envelope, { ...custom, service: this.serviceName, ...fields }, callback),
      );
    } catch (failure) {
      callback(failure instanceof Error ? failure : new Error(String(failure)));
    }
  }

  /**
   * The trace an item belongs to (the given span's, else the active one's; none outside any trace),
   * with `trace_url`, the trace in the collector, when the options give its base.
   */
  private traceFields(spanContext: SpanContext | undefined): (TraceFields & { trace_url?: string }) | undefined {
    const fields = spanContext ? traceFieldsOf(spanContext) : activeTraceFields();
    const base = this.options.traceLinkBase;
    return fields && base ? { ...fields, trace_url: `${base}${fields.trace_id}` } : fields;
  }

  /** At most one console line a minute, whatever the failure: an unreachable Rollbar must not flood the logs. */
  private warnFailure(failure: unknown): void {
    const reason = messageOf(failure);
    const where = this.options.endpoint.replace(/\/\/[^@/]*@/, '//'); // never print credentials in a URL
    this.failures.warn(
      `[${this.serviceName}] error reporting: an item did not reach Rollbar at ${where}: ${redactSensitiveText(reason)}`,
    );
  }
}
