import type { LoggerService } from '@nestjs/common';
import type { LeveledLogMethod, Logger } from 'winston';
import type { AccessLogger } from './access.logger';
import type { CloudWatchStats } from './cloudwatch.options';
import type { AppLogLevel } from './log-levels';

/** Shipping to CloudWatch Logs (the collector locally). */
export interface CloudWatchLoggingOptions {
  /** @default 'cruddur' (the original's group) */
  logGroupName: string;
  /** One per service instance, e.g. `${service}/${hostname}/${pid}-${startTime}`. */
  logStreamName: string;
  /** CloudWatch Logs endpoint (the collector's URL); absent: AWS's regional endpoint. */
  endpoint?: string;
  region: string;
  /** Absent: the AWS SDK's default credential chain. */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** @default 1000 */
  uploadIntervalMs: number;
  /**
   * Time allowed for one PutLogEvents call (answer included); past it the call fails and its events
   * are queued again, so a destination that accepts connections and never answers cannot stall shipping.
   * @default 10000
   */
  requestTimeoutMs?: number;
  /**
   * Queue bound; beyond it the oldest events are dropped and counted. Events stay queued while
   * CloudWatch cannot be reached, so this also bounds what an outage can cost in memory.
   * @default 10000
   */
  maxQueuedEvents: number;
}

/** Options of `createAppLogger`. */
export interface AppLoggerOptions {
  serviceName: string;
  serviceVersion: string;
  environment: string;
  /** @default 'info' */
  level: AppLogLevel;
  /** `auto`: pretty (coloured) when the console stream is a TTY, JSON otherwise. @default 'auto' */
  format: 'json' | 'pretty' | 'auto';
  /** Absent: console only. */
  cloudwatch?: CloudWatchLoggingOptions;
  /** Where console lines go. @default process.stdout */
  consoleStream?: NodeJS.WritableStream;
}

/** The winston logger of an app; `fatal` is one of its levels. */
export type AppWinstonLogger = Logger & { fatal: LeveledLogMethod };

/** Counters of the CloudWatch shipping (all 0 when CloudWatch is off). */
export type AppLoggerStats = CloudWatchStats;

/** What `createAppLogger` returns. */
export interface AppLogger {
  /** For `NestFactory.create(..., { logger })`: nest-winston's, so Nest's own lines go through it too. */
  logger: LoggerService;
  winston: AppWinstonLogger;
  access: AccessLogger;
  stats(): AppLoggerStats;
  /** Delivers everything queued to CloudWatch Logs (kthxbye), within `timeoutMs` (default 10 s). Never rejects. */
  flush(timeoutMs?: number): Promise<void>;
}
