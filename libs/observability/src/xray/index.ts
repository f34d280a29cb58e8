export { isSegmentSpan, toXrayDocument } from './span-document.converter';
export type { SpanConversionOptions } from './span-document.converter';
export type { XrayDocument } from './xray-document.types';
export { XraySegmentProcessor } from './xray-segment.processor';
export type { XraySegmentProcessorOptions } from './xray-segment.processor';
export { XrayOtlpSpanExporter } from './otlp/xray-otlp.span-exporter';
export type { XrayOtlpExporterOptions } from './otlp/xray-otlp.options';
