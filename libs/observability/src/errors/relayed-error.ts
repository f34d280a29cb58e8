/**
 * An error answer of a dependency that this service passes on to its caller.
 * The dependency reported the failure where it happened, so error reporting
 * skips these: one failure gives one report, not one per hop.
 */
export interface RelayedError {
  readonly relayed: true;
}

/** Whether an error is a dependency's error passed on (see RelayedError). */
export function isRelayedError(error: unknown): error is RelayedError {
  return typeof error === 'object' && error !== null && (error as { relayed?: unknown }).relayed === true;
}
