export { createPropagator } from './propagator.factory';
export { XrayPropagator } from './xray.propagator';
export { formatTraceResponse, formatXrayHeader, XRAY_TRACE_HEADER } from './xray-trace-header';
export { XrayIdGenerator } from './xray-id.generator';
export { rootOnlyParentSpanId } from './root-only-parent';
export { isUndecided, UNDECIDED_TRACE_STATE_KEY, UNDECIDED_TRACE_STATE_VALUE } from './undecided.marker';
