import {
  BadGatewayException,
  GatewayTimeoutException,
  HttpException,
  HttpStatus,
  ServiceUnavailableException,
} from '@nestjs/common';
import type { RelayedError } from '@app/observability';

/** JSON body of every error answer that concerns a dependency. */
export interface DependencyErrorBody {
  statusCode: number;
  error: string;
  message: string;
  /** The service that could not be used, as seen from the service answering. */
  dependency: string;
}

/**
 * 503: the dependency could not be reached (refused, reset, closed).
 *
 * The answer names the dependency and the error's code (`ECONNREFUSED`...)
 * only: the low-level message names addresses inside the deployment, so it
 * goes to this error's `message` (logs, traces, error reports) alone.
 */
export class DependencyUnavailableException extends ServiceUnavailableException {
  /** @param cause what the connection failed with */
  constructor(dependency: string, cause?: unknown) {
    const code = errorCodeOf(cause);
    super(
      {
        statusCode: HttpStatus.SERVICE_UNAVAILABLE,
        error: 'Service Unavailable',
        message: `${dependency} is unavailable${code ? ` (${code})` : ''}`,
        dependency,
      } satisfies DependencyErrorBody,
      { cause },
    );
    if (cause !== undefined) this.message = `${dependency} is unavailable: ${describeError(cause)}`;
  }
}

/** 504: the dependency did not answer within the configured timeout. */
export class DependencyTimeoutException extends GatewayTimeoutException {
  constructor(dependency: string, timeoutMs: number) {
    super({
      statusCode: HttpStatus.GATEWAY_TIMEOUT,
      error: 'Gateway Timeout',
      message: `${dependency} did not answer within ${timeoutMs} ms`,
      dependency,
    } satisfies DependencyErrorBody);
  }
}

/**
 * 502: the dependency answered, but with a failure of its own or with something unreadable.
 * `reason` is shown to the caller; a `cause`'s message goes to this error's `message` alone.
 */
export class DependencyFailedException extends BadGatewayException {
  constructor(dependency: string, reason: string, cause?: unknown) {
    super(
      {
        statusCode: HttpStatus.BAD_GATEWAY,
        error: 'Bad Gateway',
        message: `${dependency} failed: ${reason}`,
        dependency,
      } satisfies DependencyErrorBody,
      { cause },
    );
    if (cause !== undefined) this.message = `${dependency} failed: ${reason}: ${describeError(cause)}`;
  }
}

/**
 * An error answer of a dependency, passed on to this service's caller. The
 * dependency reported the failure where it happened; error reporting skips
 * these (RelayedError) so that one failure gives one report, not one per hop.
 */
export class RelayedHttpException extends HttpException implements RelayedError {
  readonly relayed = true;

  constructor(body: Record<string, unknown>, status: number) {
    super(body, status);
  }
}

/** 502 for a dependency's own failure (5xx): relayed too, the dependency reported it. */
export class RelayedDependencyFailure extends DependencyFailedException implements RelayedError {
  readonly relayed = true;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Turns an error answer of a dependency into the exception this service raises.
 * Client errors (4xx) are the caller's to see, so they are relayed as they are;
 * 503/504 already name the service at the end of the chain and are relayed too;
 * any other failure becomes a 502 naming the dependency.
 */
export function upstreamErrorToException(dependency: string, status: number, body: unknown): HttpException {
  const message = isRecord(body) && typeof body.message === 'string' ? body.message : `status ${status}`;
  if (status >= 400 && status < 500) {
    return new RelayedHttpException(isRecord(body) ? body : { statusCode: status, message }, status);
  }
  if (status === HttpStatus.SERVICE_UNAVAILABLE || status === HttpStatus.GATEWAY_TIMEOUT) {
    const relayed = isRecord(body) ? body : {};
    return new RelayedHttpException(
      { ...relayed, statusCode: status, message: `via ${dependency}: ${message}` },
      status,
    );
  }
  return new RelayedDependencyFailure(dependency, message);
}

const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
]);

/** Whether a low-level error (or its `cause`) means "could not talk to the peer". */
export function isUnreachableError(error: unknown): error is Error {
  for (let current: unknown = error, depth = 0; isRecord(current) && depth < 4; depth++) {
    if (typeof current.code === 'string' && UNREACHABLE_CODES.has(current.code)) return true;
    if (current.message === 'Connection closed') return true;
    current = current.cause;
  }
  return false;
}

/**
 * The message an error answer may show for an error: an HttpException's own
 * answer message (the exceptions above keep low-level details out of it),
 * else a generic one.
 */
export function publicMessageOf(error: unknown): string {
  if (error instanceof HttpException) {
    const answer = error.getResponse();
    if (typeof answer === 'string') return answer;
    if (isRecord(answer) && typeof answer.message === 'string') return answer.message;
  }
  return 'unexpected error';
}

/** The code of a low-level error or of one of its causes (`ECONNREFUSED`, `UND_ERR_SOCKET`...), if any. */
export function errorCodeOf(error: unknown): string | undefined {
  for (let current: unknown = error, depth = 0; isRecord(current) && depth < 4; depth++) {
    if (typeof current.code === 'string' && /^[A-Z][A-Z0-9_]{1,40}$/.test(current.code)) return current.code;
    current = current.cause;
  }
  return undefined;
}

/** A one-line description of a low-level error, with its code when it has one (for logs and traces, not answers). */
export function describeError(error: unknown): string {
  let current: unknown = error;
  while (isRecord(current) && isRecord(current.cause)) current = current.cause;
  if (isRecord(current)) {
    const code = typeof current.code === 'string' ? current.code : undefined;
    const message = typeof current.message === 'string' ? current.message : String(current);
    return code && !message.includes(code) ? `${code} ${message}` : message;
  }
  return String(error);
}
