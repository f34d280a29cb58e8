import { parseJson } from '@app/common';
import { BadRequestException } from '@nestjs/common';
import type { LogStore } from '../logs';
import { compileFilterPattern, type MessagePredicate } from '../logs/filter-pattern/filter-pattern.matcher';
import { FilterPatternSyntaxError } from '../logs/filter-pattern/filter-pattern.grammar';
import { canonicalTraceId } from '../store/trace-ids';
import type { LogLine } from './explorer.contract';

/** The query parameters of `GET /api/logs/search`, as received. */
export interface LogSearchParams {
  filterPattern?: string;
  from?: string;
  to?: string;
  limit?: string;
  service?: string;
}

function epochMs(name: string, value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0)
    throw new BadRequestException(`${name} must be epoch milliseconds, not "${value}"`);
  return number;
}

function compile(pattern: string | undefined): MessagePredicate {
  try {
    return compileFilterPattern(pattern);
  } catch (error) {
    if (error instanceof FilterPatternSyntaxError) throw new BadRequestException(error.message);
    throw error;
  }
}

/** The fields the page shows, read from a JSON message (the suite's loggers write JSON lines). */
function fieldsOf(message: string): Pick<LogLine, 'level' | 'service' | 'traceId' | 'spanId'> {
  if (!message.trimStart().startsWith('{')) return {};
  let json: unknown;
  try {
    json = parseJson(message);
  } catch {
    // Not JSON, or too deep to read safely: plain text.
    return {};
  }
  if (typeof json !== 'object' || json === null) return {};
  const record = json as Record<string, unknown>;
  const text = (key: string) => (typeof record[key] === 'string' ? (record[key] as string) : undefined);
  const traceId = canonicalTraceId(text('trace_id') ?? text('xray_trace_id') ?? '');
  return {
    ...(text('level') ? { level: text('level') } : {}),
    ...(text('service') ? { service: text('service') } : {}),
    ...(traceId ? { traceId } : {}),
    ...(text('span_id') ? { spanId: text('span_id') } : {}),
  };
}

/**
 * CloudWatch Logs events of every group matching a filter pattern (the
 * collector's FilterLogEvents implementation; a bad pattern is a 400 with the
 * parser's message), within `from`/`to` (epoch ms, inclusive), of one
 * `service` (the JSON message's `service`, or else the stream's name), newest first, at most `limit`.
 */
export function searchLogs(store: LogStore, params: LogSearchParams): LogLine[] {
  for (const [name, value] of Object.entries(params))
    if (typeof value !== 'string') throw new BadRequestException(`${name} must be given once`);
  const matches = compile(params.filterPattern);
  const from = epochMs('from', params.from);
  const to = epochMs('to', params.to);
  if (from !== undefined && to !== undefined && from > to) throw new BadRequestException('from must not be after to');
  const limit = params.limit === undefined ? 100 : Number(params.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 10_000)
    throw new BadRequestException('limit must be an integer from 1 to 10000');
  const lines: LogLine[] = [];
  for (const group of store.groups())
    for (const stream of group.streams.values())
      for (const event of stream.between({ startTime: from, endTime: to === undefined ? undefined : to + 1 })) {
        if (!matches(event.message)) continue;
        const fields = fieldsOf(event.message);
        if (params.service !== undefined && (fields.service ?? stream.name) !== params.service) continue;
        lines.push({
          logGroupName: group.name,
          logStreamName: stream.name,
          timestamp: event.timestamp,
          message: event.message,
          ...fields,
        });
      }
  return lines.sort((a, b) => b.timestamp - a.timestamp).slice(0, limit);
}
