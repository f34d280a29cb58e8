import type { TimedEvent } from '@opentelemetry/sdk-trace';
import { INJECTED_FAULT_EVENT, InjectedFaultAttributes } from '../spans/injected-fault';

/** The X-Ray annotation naming the faults injected into a (sub)segment: filter with `annotation.fault_injected`. */
export const INJECTED_FAULT_ANNOTATION = 'fault_injected';

export interface InjectedFaults {
  /** The kinds, comma-separated in the order injected (`latency,error`): an annotation holds one string. */
  annotation: string;
  /** Every injection with its value, as X-Ray metadata (`default.fault_injected`). */
  metadata: { kind: string; value: unknown }[];
}

/** What the span's `fault.injected` events say, for its X-Ray document; undefined when none was injected. */
export function injectedFaultsOf(events: readonly TimedEvent[]): InjectedFaults | undefined {
  const metadata = events
    .filter((event) => event.name === INJECTED_FAULT_EVENT)
    .map((event) => ({
      kind: String(event.attributes?.[InjectedFaultAttributes.Kind]),
      value: event.attributes?.[InjectedFaultAttributes.Value],
    }));
  if (metadata.length === 0) return undefined;
  return { annotation: metadata.map((fault) => fault.kind).join(','), metadata };
}
