import { ThrottledWarning } from '@app/common';
import { WinstonLogger } from 'nest-winston';
import winston, { format } from 'winston';
import { AccessLogger } from './access.logger';
import type { AppLogger, AppLoggerOptions, AppWinstonLogger } from './app-logger.options';
import { createCloudWatchShipping } from './cloudwatch.transport';
import { redactFormat, traceContextFormat } from './context.formats';
import { LEVEL_COLORS, LOG_LEVELS } from './log-levels';
import { jsonLineFormat, prettyLineFormat } from './line.formats';

const DEFAULT_FLUSH_TIMEOUT_MS = 10_000;

function isTty(stream: NodeJS.WritableStream): boolean {
  return (stream as { isTTY?: boolean }).isTTY === true;
}

/** The line format of the console: JSON, or pretty (coloured on a TTY). */
function consoleFormat(options: AppLoggerOptions, stream: NodeJS.WritableStream) {
  const pretty = options.format === 'pretty' || (options.format === 'auto' && isTty(stream));
  return pretty ? prettyLineFormat(isTty(stream)) : jsonLineFormat();
}

/**
 * The logger of a service: winston with Nest's levels (`fatal` included),
 * every line with the service, Nest's context and the active span's
 * `trace_id`, `span_id` and `xray_trace_id`, secrets redacted; on the
 * console (JSON or pretty) and, when configured, shipped to CloudWatch Logs
 * as JSON. Shipping trouble never reaches a request: it is reported on the
 * console at most once a minute per destination, and the console keeps working.
 */
export function createAppLogger(options: AppLoggerOptions): AppLogger {
  winston.addColors(LEVEL_COLORS);
  const stream = options.consoleStream ?? process.stdout;
  // Shared by every transport: redaction first, then the fields added by us (never redacted by mistake).
  const lineFormat = format.combine(
    format.timestamp(),
    redactFormat(),
    traceContextFormat({ service: options.serviceName }),
  );
  const console = new winston.transports.Stream({ stream, format: consoleFormat(options, stream) });
  // Warnings about logging itself go to the console only (CloudWatch may be what is failing).
  const consoleOnly = winston.createLogger({
    levels: LOG_LEVELS,
    format: lineFormat,
    transports: [new winston.transports.Stream({ stream, format: consoleFormat(options, stream) })],
  });
  const warnings = new ThrottledWarning((message) => consoleOnly.warn(message, { context: 'Logging' }));
  const recoveries = new ThrottledWarning((message) => consoleOnly.info(message, { context: 'Logging' }));

  const cloudwatch = options.cloudwatch
    ? createCloudWatchShipping({
        ...options.cloudwatch,
        // One warning a minute per destination, whatever the trouble (each line says what is queued
        // and what was dropped so far); that shipping works again is news, not trouble: an info line,
        // paced apart, carrying the final count of what was lost.
        warn: (kind, message) => {
          const where = options.cloudwatch?.endpoint ?? `CloudWatch Logs in ${options.cloudwatch?.region}`;
          const line = `${message} [${where}, group ${options.cloudwatch?.logGroupName}]`;
          if (kind === 'recovered') recoveries.warn(line, `cloudwatch ${where}`);
          else warnings.warn(line, `cloudwatch ${where}`);
        },
      })
    : undefined;

  const logger = winston.createLogger({
    levels: LOG_LEVELS,
    level: options.level,
    format: lineFormat,
    defaultMeta: { service: options.serviceName, version: options.serviceVersion, environment: options.environment },
    transports: cloudwatch ? [console, cloudwatch.transport] : [console],
    exitOnError: false,
  }) as AppWinstonLogger;
  // A transport error (a closed stdout) must not become an unhandled 'error' event.
  logger.on('error', (error: Error) => warnings.warn(`logging error: ${error.message}`, 'logger'));

  return {
    logger: new WinstonLogger(logger),
    winston: logger,
    access: new AccessLogger(logger),
    stats: () => cloudwatch?.stats() ?? { queued: 0, dropped: 0, refused: 0, sent: 0, failedBatches: 0 },
    flush: (timeoutMs = DEFAULT_FLUSH_TIMEOUT_MS) => cloudwatch?.flush(timeoutMs) ?? Promise.resolve(),
  };
}
