/**
 * The status each TCP message was answered with, keyed by its RPC context
 * (the same object Nest passes to the server's processing hooks and to the
 * interceptor), so the access log can say it once the message is handled.
 */
const statuses = new WeakMap<object, number>();

export function recordRpcStatus(rpcContext: object, status: number): void {
  statuses.set(rpcContext, status);
}

export function rpcStatusOf(rpcContext: object): number | undefined {
  return statuses.get(rpcContext);
}
