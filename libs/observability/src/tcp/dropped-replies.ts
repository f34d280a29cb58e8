/**
 * TCP requests whose reply is not to be sent (the drop-reply fault switch):
 * the handler runs and its span ends as usual, and the caller waits until
 * its own timeout. Keyed by the RPC context Nest hands to interceptors and to
 * the server alike; weak, so a context is forgotten with its message.
 */
const dropped = new WeakSet<object>();

/** Leave this request unanswered: call from an interceptor or handler with its RPC context. */
export function dropTcpReply(rpcContext: object): void {
  dropped.add(rpcContext);
}

export function isTcpReplyDropped(rpcContext: object): boolean {
  return dropped.has(rpcContext);
}
