/**
 * Epoch nanoseconds (a decimal string, as spans keep them) as epoch
 * milliseconds, truncated to the microsecond. Splits the text instead of
 * going through BigInt: the list computes this for every span of every trace.
 */
export function nanosToMs(nanos: string): number {
  if (nanos.length <= 6) return Math.trunc(Number(nanos) / 1000) / 1000;
  return Number(nanos.slice(0, -6)) + Number(nanos.slice(-6, -3)) / 1000;
}
