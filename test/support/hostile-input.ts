import { createSocket } from 'node:dgram';
import { CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import {
  BatchGetTracesCommand,
  GetServiceGraphCommand,
  GetTraceSummariesCommand,
  type Trace,
  XRayClient,
} from '@aws-sdk/client-xray';
import protobuf from 'protobufjs';
import type { CollectorProcess } from './collector';
import { eventually, request } from './http';
import { hex, xrayIdOf } from './otlp-json';

const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

/** The AWS SDK v3 clients a user would point at the collector. */
export function awsClients(collector: CollectorProcess): { xray: XRayClient; logs: CloudWatchLogsClient } {
  const options = { endpoint: collector.url, region: 'us-east-1', credentials };
  return { xray: new XRayClient(options), logs: new CloudWatchLogsClient(options) };
}

/** `[[[…]]]`: JSON text of `levels` arrays one inside the other. */
export const nestedJsonArrays = (levels: number): string => '['.repeat(levels) + ']'.repeat(levels);

/** OTLP/JSON AnyValue text nesting `levels` arrayValues (or kvlistValues) one inside the other. */
export function nestedAnyValue(levels: number, kind: 'arrayValue' | 'kvlistValue'): string {
  const [open, close] =
    kind === 'arrayValue'
      ? ['{"arrayValue":{"values":[', ']}}']
      : ['{"kvlistValue":{"values":[{"key":"k","value":', '}]}}'];
  return `${open.repeat(levels)}{"stringValue":"bottom"}${close.repeat(levels)}`;
}

/** A complete X-Ray segment document of a fresh trace id; `metadata` is JSON text put in as is. */
export function segmentText(traceId: string, name: string, metadataJson = '{}'): string {
  const now = Date.now() / 1000;
  return (
    `{"trace_id":"${xrayIdOf(traceId)}","id":"${hex(8)}","name":"${name}",` +
    `"start_time":${now},"end_time":${now + 0.01},"metadata":{"default":{"x":${metadataJson}}}}`
  );
}

/** A daemon datagram: the header line and a document. */
export const datagram = (document: string): Buffer => Buffer.from(`{"format":"json","version":1}\n${document}`);

/** Sends datagrams to the daemon port, one by one. */
export async function sendDatagrams(daemonPort: number, datagrams: Buffer[]): Promise<void> {
  const socket = createSocket('udp4');
  try {
    for (const bytes of datagrams)
      await new Promise<void>((resolve, reject) =>
        socket.send(bytes, daemonPort, '127.0.0.1', (error) => (error ? reject(error) : resolve())),
      );
  } finally {
    socket.close();
  }
}

/** Counters of one protocol in `GET /api/stats`. */
export interface Counters {
  accepted: number;
  rejected: number;
  evicted: number;
}

/** The collector's stats: counters per protocol and the reads of stored traces that failed. */
export interface CollectorStats {
  protocols: Record<string, Counters | undefined>;
  unreadableTraces: number;
}

export async function stats(collector: CollectorProcess): Promise<CollectorStats> {
  return (await request<CollectorStats>(`${collector.url}/api/stats`)).body;
}

export const countersOf = (all: CollectorStats, protocol: string): Counters =>
  all.protocols[protocol] ?? { accepted: 0, rejected: 0, evicted: 0 };

/** Waits until the collector has counted `total` datagrams (UDP delivery is asynchronous). */
export function udpCounted(collector: CollectorProcess, total: number, timeoutMs = 5_000): Promise<Counters> {
  return eventually(async () => {
    const udp = countersOf(await stats(collector), 'xray_udp');
    return udp.accepted + udp.rejected >= total ? udp : undefined;
  }, timeoutMs);
}

/** The code and message of a binary google.rpc.Status (OTLP's error body in protobuf). */
export function decodeRpcStatus(bytes: Uint8Array): { code: number; message: string } {
  const reader = protobuf.Reader.create(bytes);
  const status = { code: 0, message: '' };
  while (reader.pos < reader.len) {
    const tag = reader.uint32();
    if (tag >>> 3 === 1) status.code = reader.int32();
    else if (tag >>> 3 === 2) status.message = reader.string();
    else reader.skipType(tag & 7);
  }
  return status;
}

/** The status of a GET, whatever its body (the explorer page is HTML). */
async function getStatus(url: string): Promise<number> {
  const response = await fetch(url, { signal: AbortSignal.timeout(15_000) });
  await response.arrayBuffer();
  return response.status;
}

/** What a call of the SDK ended with: 200 or the HTTP status of its error. */
async function sdkStatus(call: () => Promise<unknown>): Promise<number> {
  try {
    await call();
    return 200;
  } catch (error) {
    return (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode ?? 0;
  }
}

/**
 * Every read endpoint of the collector, by name, with the status it answered:
 * the read API (list, traces by id, maps, logs search, errors, stats, the
 * explorer page) and the AWS APIs as the SDK clients call them.
 */
export async function readEndpointStatuses(
  collector: CollectorProcess,
  traceIds: string[],
  logGroupName: string,
): Promise<Record<string, number>> {
  const { xray, logs } = awsClients(collector);
  const now = Date.now();
  const window = { StartTime: new Date(now - 600_000), EndTime: new Date(now + 60_000) };
  const base = collector.url;
  const statuses: Record<string, number> = {
    'GET /api/traces': await getStatus(`${base}/api/traces?limit=1000`),
    'GET /api/service-map': await getStatus(`${base}/api/service-map`),
    'GET /api/map': await getStatus(`${base}/api/map?window=all`),
    'GET /api/errors': await getStatus(`${base}/api/errors?limit=1000`),
    'GET /api/errors/groups': await getStatus(`${base}/api/errors/groups`),
    'GET /api/logs/search': await getStatus(
      `${base}/api/logs/search?filterPattern=${encodeURIComponent('{ $.a = 1 }')}`,
    ),
    'GET /api/stats': await getStatus(`${base}/api/stats`),
    'GET /': await getStatus(`${base}/`),
    BatchGetTraces: await sdkStatus(() =>
      xray.send(new BatchGetTracesCommand({ TraceIds: traceIds.slice(0, 5).map(xrayIdOf) })),
    ),
    GetTraceSummaries: await sdkStatus(() => xray.send(new GetTraceSummariesCommand(window))),
    GetServiceGraph: await sdkStatus(() => xray.send(new GetServiceGraphCommand(window))),
    FilterLogEvents: await sdkStatus(() =>
      logs.send(new FilterLogEventsCommand({ logGroupName, filterPattern: '{ $.level = "info" }' })),
    ),
  };
  for (const traceId of traceIds)
    statuses[`GET /api/traces/${traceId}`] = await getStatus(`${base}/api/traces/${traceId}`);
  return statuses;
}

/** The ids of the traces BatchGetTraces returns, asked five at a time (its limit). */
export async function batchGetTraceIds(xray: XRayClient, traceIds: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < traceIds.length; i += 5) {
    const { Traces } = await xray.send(new BatchGetTracesCommand({ TraceIds: traceIds.slice(i, i + 5).map(xrayIdOf) }));
    for (const trace of Traces ?? ([] as Trace[])) if (trace.Id) found.add(trace.Id.replace(/^1-|-/g, ''));
  }
  return found;
}
