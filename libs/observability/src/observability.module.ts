import { ConfigurableModuleBuilder, Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { DisabledErrorReporter } from './errors/disabled.error-reporter';
import type { ErrorReporter } from './errors/error-reporter';
import type { AppLogger } from './logging/app-logger.options';
import { flushWithin } from './flush-deadline';
import { ERROR_REPORTER } from './observability.constants';
import type { Telemetry } from './telemetry';
import { ErrorReportingInterceptor } from './interceptors/error-reporting.interceptor';
import { TracingInterceptor } from './interceptors/tracing.interceptor';

export interface ObservabilityModuleOptions {
  /** What startTelemetry returned: flushed and shut down when the app closes. */
  telemetry: Telemetry;
  /** The app's logger (createAppLogger): flushed last when the app closes. */
  logger?: AppLogger;
  /** Reports unhandled handler errors (createErrorReporter): flushed when the app closes. */
  errors?: ErrorReporter;
  /**
   * Time allowed at shutdown for flushing spans, segments, error reports and
   * log events together, so that a destination that never answers cannot hold
   * the process until its shutdown timeout; what is left then is given up.
   * @default 3000
   */
  flushTimeoutMs?: number;
}

const { ConfigurableModuleClass, MODULE_OPTIONS_TOKEN } = new ConfigurableModuleBuilder<ObservabilityModuleOptions>()
  .setClassMethodName('forRoot')
  .build();

/**
 * Tracing for a Nest app: a span around every HTTP and RPC handler (the global
 * TracingInterceptor), each handler error reported once (ErrorReportingInterceptor), and the flush of
 * spans and segments at shutdown. The SDK itself is started earlier, by
 * startTelemetry in the app's telemetry file.
 */
@Global()
@Module({
  providers: [
    {
      provide: ERROR_REPORTER,
      useFactory: (options: ObservabilityModuleOptions) => options.errors ?? new DisabledErrorReporter('app'),
      inject: [MODULE_OPTIONS_TOKEN],
    },
    // In this order: the reporter runs inside the handler's span, so the item carries its ids.
    { provide: APP_INTERCEPTOR, useClass: TracingInterceptor },
    { provide: APP_INTERCEPTOR, useClass: ErrorReportingInterceptor },
  ],
  exports: [ERROR_REPORTER],
})
export class ObservabilityModule extends ConfigurableModuleClass implements OnApplicationShutdown {
  constructor(@Inject(MODULE_OPTIONS_TOKEN) private readonly options: ObservabilityModuleOptions) {
    super();
  }

  /** After the servers closed (in-flight work done): spans and segments, error reports, then the logs, which say it all happened. */
  async onApplicationShutdown(): Promise<void> {
    const { telemetry, errors, logger } = this.options;
    await flushWithin(
      this.options.flushTimeoutMs ?? 3000,
      [
        { what: 'spans and segments', run: () => telemetry.shutdown() },
        { what: 'error reports', run: (timeoutMs) => errors?.flush(timeoutMs) ?? Promise.resolve() },
        { what: 'log events', run: (timeoutMs) => logger?.flush(timeoutMs) ?? Promise.resolve() },
      ],
      (message) => console.warn(message),
    );
  }
}
