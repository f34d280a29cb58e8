// What other parts of the collector (the read API) use from the X-Ray emulation.
export { assembleTrace } from './segment.assembler';
export { buildServiceGraph, type EdgeJson, type ServiceJson, type StatisticsJson } from './service-graph.builder';
export { buildTraceSummary, type TraceSummaryJson } from './trace-summary.builder';
export { type TimeRangeType, type TimeWindow, TraceQueryService } from './trace.query';
export { type TraceView, endOf, traceViewOf, walk } from './trace.view';
export type { FilterNode } from './filter-expression.ast';
export { parseFilterExpression } from './filter-expression.grammar';
export { GroupsStore } from './groups.store';
export { XrayModule } from './xray.module';
export { XrayOtlpIngestService } from './xray-otlp.ingest.service';
export { requestOverLimit, XRAY_OTLP_LIMITS } from './xray-otlp.limits';
export { XrayOtlpSigningError, checkXrayOtlpSignature } from './xray-otlp.signature';
export { writeXrayError } from './xray-error.response';
