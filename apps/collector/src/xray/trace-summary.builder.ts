import type { XraySegmentDocument } from '../store/xray-segment';
import {
  downstreamCalls,
  identityKey,
  inferredIdentity,
  type ServiceIdentity,
  segmentIdentity,
  toServiceId,
} from './service-identity';
import { endOf, type TraceView, walk } from './trace.view';

type ServiceIdJson = ReturnType<typeof toServiceId>;

/** AnnotationValue, a union of which exactly one member is set. */
export type AnnotationValueJson = { StringValue: string } | { NumberValue: number } | { BooleanValue: boolean };

/** TraceSummary as GetTraceSummaries returns it (dates in epoch seconds). */
export interface TraceSummaryJson {
  Id: string;
  StartTime: number;
  Duration: number;
  ResponseTime?: number;
  HasFault: boolean;
  HasError: boolean;
  HasThrottle: boolean;
  IsPartial: boolean;
  Http?: { HttpURL?: string; HttpStatus?: number; HttpMethod?: string; UserAgent?: string; ClientIp?: string };
  Annotations: Record<string, Array<{ AnnotationValue: AnnotationValueJson; ServiceIds: ServiceIdJson[] }>>;
  Users: Array<{ UserName: string; ServiceIds: ServiceIdJson[] }>;
  ServiceIds: ServiceIdJson[];
  EntryPoint?: ServiceIdJson;
  ResourceARNs: Array<{ ARN: string }>;
  InstanceIds: Array<{ Id: string }>;
  AvailabilityZones: Array<{ Name: string }>;
  FaultRootCauses: never[];
  ErrorRootCauses: never[];
  ResponseTimeRootCauses: never[];
  Revision: number;
}

const round = (seconds: number): number => Math.round(seconds * 1000) / 1000;

function annotationValue(value: string | number | boolean): AnnotationValueJson {
  if (typeof value === 'string') return { StringValue: value };
  return typeof value === 'number' ? { NumberValue: value } : { BooleanValue: value };
}

/** Values seen in the trace, each with the services it was seen in (distinct by value and service). */
class ValuesByService<V> {
  private readonly entries = new Map<string, { value: V; services: Map<string, ServiceIdentity> }>();

  add(key: string, value: V, service: ServiceIdentity): void {
    const entry = this.entries.get(key) ?? { value, services: new Map() };
    entry.services.set(identityKey(service), service);
    this.entries.set(key, entry);
  }

  list(): Array<{ value: V; serviceIds: ServiceIdJson[] }> {
    return [...this.entries.values()].map(({ value, services }) => ({
      value,
      serviceIds: [...services.values()].map(toServiceId),
    }));
  }
}

function rootHttp(root: XraySegmentDocument | undefined): TraceSummaryJson['Http'] {
  const request = root?.http?.request;
  const response = root?.http?.response;
  if (!request && !response) return undefined;
  return {
    ...(request?.url !== undefined ? { HttpURL: request.url } : {}),
    ...(response?.status !== undefined ? { HttpStatus: response.status } : {}),
    ...(request?.method !== undefined ? { HttpMethod: request.method } : {}),
    ...(request?.user_agent !== undefined ? { UserAgent: request.user_agent } : {}),
    ...(request?.client_ip !== undefined ? { ClientIp: request.client_ip } : {}),
  };
}

/**
 * The summary X-Ray gives of a trace: timing of the whole trace and of its
 * entry point, the error flags of its segments, the entry point's HTTP
 * request, and every annotation, user and service seen (root-cause analysis
 * is not emulated: those lists are empty).
 */
export function buildTraceSummary(view: TraceView): TraceSummaryJson {
  const services = new Map<string, ServiceIdentity>();
  const annotations = new Map<string, ValuesByService<string | number | boolean>>();
  const users = new ValuesByService<string>();
  const resources = new Set<string>();
  const called = new Set(view.segments.flatMap((segment) => segment.parent_id ?? []));
  for (const document of view.documents) {
    const service = segmentIdentity(document);
    if (document.type !== 'subsegment') services.set(identityKey(service), service);
    if (typeof document.user === 'string') users.add(document.user, document.user, service);
    if (typeof document.resource_arn === 'string') resources.add(document.resource_arn);
    for (const node of walk(document)) {
      for (const [key, value] of Object.entries(node.annotations ?? {})) {
        const values = annotations.get(key) ?? new ValuesByService();
        values.add(JSON.stringify(value), value, service);
        annotations.set(key, values);
      }
    }
    for (const call of downstreamCalls(document)) {
      if (called.has(call.id)) continue;
      const inferred = inferredIdentity(call);
      services.set(identityKey(inferred), inferred);
    }
  }
  const flag = (name: 'fault' | 'error' | 'throttle'): boolean =>
    view.documents.some((document) => document[name] === true);
  const ec2 = view.segments.map(
    (segment) => (segment.aws as { ec2?: { instance_id?: unknown; availability_zone?: unknown } })?.ec2,
  );
  const http = rootHttp(view.root);
  return {
    Id: view.xrayTraceId,
    StartTime: view.startTime,
    Duration: round(view.duration),
    ...(view.root ? { ResponseTime: round(endOf(view.root) - view.root.start_time) } : {}),
    HasFault: flag('fault'),
    HasError: flag('error'),
    HasThrottle: flag('throttle'),
    IsPartial: view.partial,
    ...(http ? { Http: http } : {}),
    Annotations: Object.fromEntries(
      [...annotations].map(([key, values]) => [
        key,
        values
          .list()
          .map(({ value, serviceIds }) => ({ AnnotationValue: annotationValue(value), ServiceIds: serviceIds })),
      ]),
    ),
    Users: users.list().map(({ value, serviceIds }) => ({ UserName: value, ServiceIds: serviceIds })),
    ServiceIds: [...services.values()].map(toServiceId),
    ...(view.root ? { EntryPoint: toServiceId(segmentIdentity(view.root)) } : {}),
    ResourceARNs: [...resources].map((arn) => ({ ARN: arn })),
    InstanceIds: [...new Set(ec2.flatMap((e) => (typeof e?.instance_id === 'string' ? [e.instance_id] : [])))].map(
      (id) => ({ Id: id }),
    ),
    AvailabilityZones: [
      ...new Set(ec2.flatMap((e) => (typeof e?.availability_zone === 'string' ? [e.availability_zone] : []))),
    ].map((name) => ({ Name: name })),
    FaultRootCauses: [],
    ErrorRootCauses: [],
    ResponseTimeRootCauses: [],
    Revision: view.revision,
  };
}
