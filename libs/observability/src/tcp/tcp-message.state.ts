import type { Span } from '@opentelemetry/api';
import { ObservabilityAttributes } from '../attributes';
import { handlerStatusOf } from '../errors/error-status';
import { recordSpanError } from '../spans/span-error';

/** A TCP message being handled: its span and what the access log will say of it. */
export interface TcpMessage {
  span: Span;
  startedAt: number;
  isEvent: boolean;
  /** 200 until the handler fails. */
  status: number;
}

/**
 * The messages in flight, keyed by their RPC context: the object Nest passes
 * to the server's processing hooks and to interceptors alike, so the
 * interceptor can tell the server how a message ended.
 */
const messages = new WeakMap<object, TcpMessage>();

export function beginTcpMessage(rpcContext: object, message: Omit<TcpMessage, 'status'>): void {
  messages.set(rpcContext, { ...message, status: 200 });
}

export function endTcpMessage(rpcContext: object): TcpMessage | undefined {
  const message = messages.get(rpcContext);
  messages.delete(rpcContext);
  return message;
}

/**
 * The one place a TCP message's outcome is written: the status on its span
 * (`cruddur.rpc.status_code`; ERROR for a 5xx, as for HTTP servers), the
 * exception, and the status the access line will give.
 */
export function recordTcpOutcome(rpcContext: object, error?: unknown): void {
  const message = messages.get(rpcContext);
  if (!message) return;
  if (error === undefined) {
    message.span.setAttribute(ObservabilityAttributes.RpcStatusCode, 200);
    return;
  }
  message.status = handlerStatusOf(error);
  message.span.setAttribute(ObservabilityAttributes.RpcStatusCode, message.status);
  if (message.status >= 500) {
    recordSpanError(message.span, error);
  } else {
    // A client error is the caller's: the exception is kept, the span's status stays unset.
    message.span.recordException(error instanceof Error ? error : String(error));
  }
}

/** Whether the TCP message of this RPC context is an event (no one waits for a reply) rather than a request. */
export function isTcpEvent(rpcContext: object): boolean {
  return messages.get(rpcContext)?.isEvent === true;
}
