import { BadRequestException } from '@nestjs/common';
import type { Health, TraceListItem, Transport } from './explorer.contract';
import type { TraceFacts } from './trace-facts';
import { traceIdFromAnyForm } from './trace-id.parser';

/** The query parameters of `GET /api/traces`, as received. */
export interface TraceSearchParams {
  limit?: string;
  service?: string;
  operation?: string;
  status?: string;
  minDurationMs?: string;
  maxDurationMs?: string;
  annotation?: string;
  from?: string;
  to?: string;
  id?: string;
  edge?: string;
  node?: string;
}

/** A parsed search: a predicate over trace facts and how many to return. */
export interface TraceSearch {
  limit: number;
  matches(facts: TraceFacts): boolean;
}

const HEALTHS: readonly Health[] = ['ok', 'error', 'fault', 'throttle'];
const TRANSPORTS: readonly Transport[] = ['http', 'tcp-request', 'tcp-event'];

function parseNumber(name: string, value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const number = Number(value);
  if (!Number.isFinite(number) || number < 0)
    throw new BadRequestException(`${name} must be a number ≥ 0, not "${value}"`);
  return number;
}

function parseLimit(value: string | undefined): number {
  if (value === undefined) return 50;
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
    throw new BadRequestException('limit must be an integer from 1 to 1000');
  return limit;
}

/**
 * Parses `GET /api/traces`' filters (all optional, all must hold):
 * `service` and `node` (a service the trace touches), `operation` (the name of
 * any span or (sub)segment of the trace), `status` (the list line's health),
 * `minDurationMs`/`maxDurationMs`, `annotation=key=value` (X-Ray annotations,
 * or span attributes listed in `aws.xray.annotations`; values compared as text),
 * `from`/`to` (epoch ms, on the trace's start), `id` (any form of a trace id)
 * and `edge=from->to:transport` (a call of either view). A bad value is a 400 saying which.
 */
export function parseTraceSearch(params: TraceSearchParams): TraceSearch {
  for (const [name, value] of Object.entries(params))
    if (typeof value !== 'string') throw new BadRequestException(`${name} must be given once`);
  const checks: Array<(facts: TraceFacts) => boolean> = [];
  const item = (check: (item: TraceListItem) => boolean) => checks.push((facts) => check(facts.item));

  for (const name of ['service', 'node'] as const) {
    const service = params[name];
    if (service !== undefined) item((line) => line.services.includes(service));
  }
  if (params.operation !== undefined) {
    const operation = params.operation;
    checks.push((facts) => facts.names.has(operation));
  }
  if (params.status !== undefined) {
    const status = params.status as Health;
    if (!HEALTHS.includes(status))
      throw new BadRequestException(`status must be one of ${HEALTHS.join(', ')}, not "${params.status}"`);
    item((line) => line.health === status);
  }
  const min = parseNumber('minDurationMs', params.minDurationMs);
  const max = parseNumber('maxDurationMs', params.maxDurationMs);
  if (min !== undefined && max !== undefined && min > max)
    throw new BadRequestException('minDurationMs must not be greater than maxDurationMs');
  if (min !== undefined) item((line) => line.durationMs >= min);
  if (max !== undefined) item((line) => line.durationMs <= max);
  const from = parseNumber('from', params.from);
  const to = parseNumber('to', params.to);
  if (from !== undefined && to !== undefined && from > to) throw new BadRequestException('from must not be after to');
  if (from !== undefined) item((line) => line.startTime >= from);
  if (to !== undefined) item((line) => line.startTime <= to);
  if (params.annotation !== undefined) {
    const annotation = params.annotation;
    const equals = annotation.indexOf('=');
    if (equals < 1) throw new BadRequestException(`annotation must be key=value, not "${annotation}"`);
    checks.push((facts) => facts.annotations.has(annotation));
  }
  if (params.id !== undefined) {
    const traceId = traceIdFromAnyForm(params.id);
    if (!traceId)
      throw new BadRequestException(
        `id: "${params.id.slice(0, 200)}" is not a trace id (32 hex digits, 1-xxxxxxxx-…, a traceparent or an X-Amzn-Trace-Id value)`,
      );
    item((line) => line.traceId === traceId);
  }
  if (params.edge !== undefined) {
    const edge = params.edge;
    const match = /^(.+)->(.+):([a-z-]+)$/.exec(edge);
    if (!match || !TRANSPORTS.includes(match[3] as Transport))
      throw new BadRequestException(
        `edge must be from->to:transport (transport ${TRANSPORTS.join(', ')}), not "${edge}"`,
      );
    checks.push((facts) => facts.edges.has(edge));
  }
  return { limit: parseLimit(params.limit), matches: (facts) => checks.every((check) => check(facts)) };
}
