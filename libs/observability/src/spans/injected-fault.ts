import { trace } from '@opentelemetry/api';

/** The span event that marks trouble injected on purpose (the fault switches), as opposed to real trouble. */
export const INJECTED_FAULT_EVENT = 'fault.injected';

/** What was injected: `latency` and `cpu` in milliseconds, `error` and `drop_reply` as the rate that chose this call. */
export type InjectedFaultKind = 'latency' | 'error' | 'drop_reply' | 'cpu';

export const InjectedFaultAttributes = {
  Kind: 'fault.kind',
  Value: 'fault.value',
} as const;

/**
 * Marks the current span (the handler's) with a `fault.injected` event, its
 * kind and value: the OpenTelemetry view shows the event, the X-Ray mirror an
 * annotation and metadata made from it (xray/injected-fault.mapper.ts).
 */
export function recordInjectedFault(kind: InjectedFaultKind, value: number): void {
  trace.getActiveSpan()?.addEvent(INJECTED_FAULT_EVENT, {
    [InjectedFaultAttributes.Kind]: kind,
    [InjectedFaultAttributes.Value]: value,
  });
}
