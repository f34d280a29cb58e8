import type { RollbarItemView } from '../rollbar';
import type { ErrorGroup } from './explorer.contract';

type Json = Record<string, unknown>;

const MAX_OCCURRENCES = 20;

const asObject = (value: unknown): Json | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
const asString = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/**
 * A message with what varies between occurrences masked: uuids, quoted
 * strings, hex ids (8+ hex digits with a digit in them), then numbers.
 */
export function messageTemplate(message: string): string {
  return message
    .replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<uuid>')
    .replace(/"[^"]*"|'[^']*'|`[^`]*`/g, '"<str>"')
    .replace(/\b(?=[0-9a-f]*\d)(?:0x)?[0-9a-f]{8,}\b/gi, '<hex>')
    .replace(/-?\b\d+(?:\.\d+)?\b/g, '<n>');
}

interface Parsed {
  exceptionClass: string;
  message: string;
  topFrame?: string;
}

/** Exception class, message and top frame (Rollbar lists frames oldest call first) of an item. */
function parse(item: Json): Parsed {
  const body = asObject(item.body) ?? {};
  const chain = Array.isArray(body.trace_chain) ? body.trace_chain : [];
  const trace = asObject(body.trace) ?? asObject(chain[0]);
  if (trace) {
    const exception = asObject(trace.exception) ?? {};
    const frames = Array.isArray(trace.frames) ? trace.frames.map(asObject) : [];
    const top = frames[frames.length - 1];
    const file = asString(top?.filename);
    const method = asString(top?.method);
    return {
      exceptionClass: asString(exception.class) ?? 'Error',
      message: asString(exception.message) ?? '',
      ...(file ? { topFrame: `${file}:${method ?? '?'}` } : {}),
    };
  }
  return { exceptionClass: '(message)', message: asString(asObject(body.message)?.body) ?? asString(item.title) ?? '' };
}

/** Rollbar items grouped by fingerprint (class, message template, top frame), most recently seen first. */
export function groupErrors(items: RollbarItemView[], limit: number): ErrorGroup[] {
  const groups = new Map<string, ErrorGroup>();
  for (const view of items) {
    const { exceptionClass, message, topFrame } = parse(view.item);
    const template = messageTemplate(message);
    const fingerprint = [exceptionClass, template, topFrame ?? ''].join(' | ');
    const custom = asObject(view.item.custom);
    const seconds = view.item.timestamp;
    const timestamp = typeof seconds === 'number' && Number.isFinite(seconds) ? seconds * 1000 : view.receivedAt;
    const group = groups.get(fingerprint) ?? {
      fingerprint,
      exceptionClass,
      messageTemplate: template,
      ...(topFrame ? { topFrame } : {}),
      count: 0,
      firstSeen: timestamp,
      lastSeen: timestamp,
      occurrences: [],
    };
    group.count += 1;
    group.firstSeen = Math.min(group.firstSeen, timestamp);
    group.lastSeen = Math.max(group.lastSeen, timestamp);
    group.occurrences.push({
      uuid: view.uuid,
      timestamp,
      service: asString(custom?.service) ?? asString(asObject(view.item.server)?.host) ?? 'unknown',
      level: view.level,
      message: message || view.title,
      ...(view.traceId ? { traceId: view.traceId } : {}),
    });
    groups.set(fingerprint, group);
  }
  for (const group of groups.values())
    group.occurrences = group.occurrences.sort((a, b) => b.timestamp - a.timestamp).slice(0, MAX_OCCURRENCES);
  return [...groups.values()].sort((a, b) => b.lastSeen - a.lastSeen).slice(0, limit);
}
