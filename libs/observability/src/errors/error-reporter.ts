import type { SpanContext } from '@opentelemetry/api';

/** Rollbar's item levels, most severe first. */
export type ErrorLevel = 'critical' | 'error' | 'warning' | 'info' | 'debug';

/** The HTTP request a handler error happened in, as the server saw it (secrets included: the reporter redacts). */
export interface HttpRequestInfo {
  method: string;
  /** The request target as received: path and query (`req.originalUrl`), or an absolute URL. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  /** The parsed body (object) or the raw one (string). */
  body?: unknown;
  remoteAddress?: string;
}

/** The TCP message a handler error happened in. */
export interface RpcRequestInfo {
  pattern: string;
  payload?: unknown;
}

/** Where a handler error happened and what it answers. */
export interface HandlerErrorContext {
  /** The status the error answers (4xx are skipped unless `reportClientErrors`). */
  status: number;
  http?: HttpRequestInfo;
  rpc?: RpcRequestInfo;
  /** The span the error belongs to, when it is not the active one (e.g. reported after the handler's context ended). */
  spanContext?: SpanContext;
}

/**
 * Reports errors to Rollbar, each item carrying the trace it belongs to.
 * Every method is safe to call from request code: nothing here throws.
 */
export interface ErrorReporter {
  /** False when no Rollbar token is configured: every method then does nothing (process handlers still exit). */
  readonly enabled: boolean;
  /** One handler error (HTTP or TCP), reported once, with request data and trace ids; 4xx skipped unless configured. Never throws. */
  reportHandlerError(error: unknown, context: HandlerErrorContext): void;
  /** A message at a level ('warning' for GET /rollbar/test, as the original). */
  message(text: string, level: ErrorLevel, extra?: Record<string, unknown>): void;
  /** Resolves once everything queued reached Rollbar, or failed to, or after `timeoutMs` (default 5000). */
  flush(timeoutMs?: number): Promise<void>;
  /**
   * uncaughtException / unhandledRejection: reported at `critical`, flushed, then the process exits
   * with code 1. `onFatal` gets the error first (to log it); without it the error is printed on stderr,
   * as Node would have. Installing twice does nothing more.
   */
  installProcessHandlers(onFatal?: (error: unknown) => void): void;
}
