import { toXrayTraceId } from '@app/common';
import { isSpanContextValid, SpanKind } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
// Deep imports on purpose: the package root creates cls-hooked's namespace at load,
// which enables an async hook for every promise in the process (measured here: awaits
// ~12x slower) and enableManualMode does not remove it. We never use the SDK's context,
// and these modules (document classes only) do not load it.
import Segment = require('aws-xray-sdk-core/dist/lib/segments/segment');
import Subsegment = require('aws-xray-sdk-core/dist/lib/segments/attributes/subsegment');
import { wildcardMatch } from 'aws-xray-sdk-core/dist/lib/utils';
import { ObservabilityAttributes } from '../attributes';
import { annotationsOf } from './annotations.mapper';
import { exceptionErrorsOf, repairCause } from './exception-cause.mapper';
import { httpBlockOf, isRpcSpan } from './http-block.mapper';
import { INJECTED_FAULT_ANNOTATION, injectedFaultsOf } from './injected-fault.mapper';
import { metadataOf } from './metadata.mapper';
import { toSegmentName } from './segment-name';
import { firstString } from './span-attributes.reader';
import { statusFlagsOf } from './status-flags.mapper';
import { segmentParentId } from './xray-ids';
import { Semconv } from './xray-semconv';

/**
 * Annotation naming the first trace a span links to (X-Ray's form of the id), so that
 * `annotation.linked_trace_id = "1-…"` finds it: the segment document schema has no links.
 */
export const LINKED_TRACE_ANNOTATION = 'linked_trace_id';

/** How spans are named and described in X-Ray. */
export interface SpanConversionOptions {
  /** The segment name: the service's logical name. */
  serviceName: string;
  /** HTTP server segments whose host matches it (`*` and `?` wildcards) are named after the host. */
  dynamicNamingPattern?: string;
  /**
   * The segment's `service.version`; else the span resource's. Give it in a process whose
   * resource has detectors still settling (host.id is read asynchronously): reading the
   * attributes before then is an SDK error.
   */
  serviceVersion?: string;
}

/** An X-Ray document built with the SDK's classes, ready for its emitter. */
export type XrayDocument = Segment | Subsegment;

/**
 * Whether X-Ray sees the span as a segment (the work of one service for one
 * request): a SERVER or CONSUMER span, or one whose parent is in another
 * process (or absent). Everything else is a subsegment inside it.
 */
export function isSegmentSpan(span: ReadableSpan): boolean {
  const parent = span.parentSpanContext;
  return span.kind === SpanKind.SERVER || span.kind === SpanKind.CONSUMER || !parent || parent.isRemote === true;
}

/**
 * The X-Ray document mirroring one finished span: same trace id, id = span
 * id, parent_id = parent span id, same timing. Segments are whole documents;
 * other spans become independent subsegments (`type: "subsegment"`) that
 * X-Ray nests under their parent by `parent_id`.
 */
export function toXrayDocument(span: ReadableSpan, options: SpanConversionOptions): XrayDocument {
  const { traceId, spanId } = span.spanContext();
  const xrayTraceId = toXrayTraceId(traceId);
  const attributes = span.attributes;
  let document: XrayDocument;
  if (isSegmentSpan(span)) {
    const segment = new Segment(
      segmentName(span, options),
      xrayTraceId,
      segmentParentId(traceId, span.parentSpanContext?.spanId),
    );
    const version = options.serviceVersion ?? span.resource.attributes[Semconv.serviceVersion];
    if (typeof version === 'string' && version.length > 0) segment.setServiceData({ version });
    document = segment;
  } else {
    const remote = span.kind === SpanKind.CLIENT || span.kind === SpanKind.PRODUCER;
    const subsegment = new Subsegment(remote ? remoteName(span) : toSegmentName(span.name, options.serviceName));
    // Sent on its own, a subsegment names its trace and parent itself (the daemon protocol's "independent subsegment").
    Object.assign(subsegment, { type: 'subsegment', trace_id: xrayTraceId, parent_id: span.parentSpanContext?.spanId });
    if (remote) subsegment.namespace = 'remote';
    document = subsegment;
  }
  Object.assign(document, {
    id: spanId,
    start_time: epochSeconds(span.startTime),
    end_time: epochSeconds(span.endTime),
  });
  delete document.in_progress;
  Reflect.deleteProperty(document, 'notTraced');

  const http = httpBlockOf(attributes);
  if (http) Object.assign(document, { http });
  const { annotations, sourceKeys } = annotationsOf(attributes);
  for (const [key, value] of Object.entries(annotations)) document.addAnnotation(key, value);
  for (const [namespace, entries] of Object.entries(metadataOf(attributes, sourceKeys, isRpcSpan(attributes)))) {
    for (const [key, value] of Object.entries(entries)) document.addMetadata(key, value, namespace);
  }
  const faults = injectedFaultsOf(span.events);
  if (faults) {
    document.addAnnotation(INJECTED_FAULT_ANNOTATION, faults.annotation);
    document.addMetadata(INJECTED_FAULT_ANNOTATION, faults.metadata);
  }

  const links = span.links.filter((link) => isSpanContextValid(link.context));
  if (links.length > 0) {
    document.addAnnotation(LINKED_TRACE_ANNOTATION, toXrayTraceId(links[0].context.traceId));
    const all = links.map(({ context }) => ({ trace_id: toXrayTraceId(context.traceId), id: context.spanId }));
    document.addMetadata('links', all, 'otel');
  }

  for (const error of exceptionErrorsOf(span.events)) document.addError(error);
  repairCause((document as { cause?: unknown }).cause);
  // addError flags a fault; X-Ray's flags come from the status code instead (a 404 that threw is an error).
  Reflect.deleteProperty(document, 'fault');
  const flags = statusFlagsOf(attributes, span.status);
  if (flags.fault) document.addFaultFlag();
  if (flags.error) document.addErrorFlag();
  if (flags.throttle) document.addThrottleFlag();
  return document;
}

function segmentName(span: ReadableSpan, options: SpanConversionOptions): string {
  const { dynamicNamingPattern, serviceName } = options;
  const isHttpServer = span.kind === SpanKind.SERVER && firstString(span.attributes, Semconv.httpMethod) !== undefined;
  if (dynamicNamingPattern !== undefined && isHttpServer) {
    const host = firstString(span.attributes, Semconv.host);
    if (host !== undefined && wildcardMatch(dynamicNamingPattern, host)) return toSegmentName(host, serviceName);
  }
  return toSegmentName(serviceName, 'service');
}

/** The called service's logical name, so X-Ray's service map draws the edge to it. */
function remoteName(span: ReadableSpan): string {
  const name =
    firstString(span.attributes, [ObservabilityAttributes.PeerService]) ??
    firstString(span.attributes, Semconv.peerAddress) ??
    span.name;
  return toSegmentName(name, span.name);
}

function epochSeconds([seconds, nanos]: readonly [number, number]): number {
  return seconds + nanos / 1e9;
}
