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
import type { XrayDocument } from './xray-document.types';
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
 * X-Ray nests under their parent by `parent_id` (or that the caller nests itself).
 *
 * A plain object in the shape the SDK's Segment and Subsegment serialize to, built
 * directly: constructing those classes parsed the trace id and drew a random id we
 * overwrote at once, per span, on the request path.
 */
export function toXrayDocument(span: ReadableSpan, options: SpanConversionOptions): XrayDocument {
  const { traceId, spanId } = span.spanContext();
  const xrayTraceId = toXrayTraceId(traceId);
  const attributes = span.attributes;
  const segment = isSegmentSpan(span);
  const document: XrayDocument = segment
    ? { name: segmentName(span, options), id: spanId, trace_id: xrayTraceId, start_time: 0, end_time: 0 }
    : { name: subsegmentName(span, options), id: spanId, start_time: 0, end_time: 0 };
  document.start_time = epochSeconds(span.startTime);
  document.end_time = epochSeconds(span.endTime);
  if (segment) {
    const parentId = segmentParentId(traceId, span.parentSpanContext?.spanId);
    if (parentId !== undefined) document.parent_id = parentId;
    const version = options.serviceVersion ?? span.resource.attributes[Semconv.serviceVersion];
    if (typeof version === 'string' && version.length > 0) document.service = { version };
  } else {
    // Sent on its own, a subsegment names its trace and parent itself (the daemon protocol's "independent subsegment").
    Object.assign(document, { type: 'subsegment', trace_id: xrayTraceId, parent_id: span.parentSpanContext?.spanId });
    if (isRemoteCall(span)) document.namespace = 'remote';
  }

  const http = httpBlockOf(attributes);
  if (http) document.http = http;
  const { annotations, sourceKeys } = annotationsOf(attributes);
  const metadata = metadataOf(attributes, sourceKeys, isRpcSpan(attributes));
  const faults = injectedFaultsOf(span.events);
  if (faults) {
    annotations[INJECTED_FAULT_ANNOTATION] = faults.annotation;
    (metadata.default ??= {})[INJECTED_FAULT_ANNOTATION] = faults.metadata;
  }
  const links = span.links.filter((link) => isSpanContextValid(link.context));
  if (links.length > 0) {
    annotations[LINKED_TRACE_ANNOTATION] = toXrayTraceId(links[0].context.traceId);
    const all = links.map(({ context }) => ({ trace_id: toXrayTraceId(context.traceId), id: context.spanId }));
    (metadata.otel ??= {}).links = all;
  }
  if (Object.keys(annotations).length > 0) document.annotations = annotations;
  if (Object.keys(metadata).length > 0) document.metadata = metadata;

  const cause = causeOf(exceptionErrorsOf(span.events), segment);
  if (cause !== undefined) document.cause = cause;
  // X-Ray's flags come from the status code, not from the errors (a 404 that threw is an error, not a fault).
  Object.assign(document, statusFlagsOf(attributes, span.status));
  return document;
}

/**
 * The `cause` block for the span's recorded exceptions, built by the SDK's own classes
 * (exception ids, type, message, parsed stack frames, the working directory), in the SDK's
 * order: a segment lists them oldest first, a subsegment newest first. Rare, so the
 * classes' per-instance cost does not matter here.
 */
function causeOf(errors: Error[], segment: boolean): unknown {
  if (errors.length === 0) return undefined;
  const builder = segment ? new Segment('cause') : new Subsegment('cause');
  for (const error of errors) builder.addError(error);
  const { cause } = builder as { cause?: unknown };
  repairCause(cause);
  return cause;
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

/** A CLIENT or PRODUCER span: a call to another service, drawn as an edge on X-Ray's service map. */
function isRemoteCall(span: ReadableSpan): boolean {
  return span.kind === SpanKind.CLIENT || span.kind === SpanKind.PRODUCER;
}

function subsegmentName(span: ReadableSpan, options: SpanConversionOptions): string {
  return isRemoteCall(span) ? remoteName(span) : toSegmentName(span.name, options.serviceName);
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
