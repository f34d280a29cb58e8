import type { WireDocument } from './udp-daemon.fixture';

/**
 * The constraints of AWS's X-Ray segment document schema (v1.0.0) and of the
 * daemon protocol that the processor's documents must meet, written out so the
 * specs check them without the schema file.
 */
const ID = /^[0-9a-f]{16}$/;
const TRACE_ID = /^1-[0-9a-f]{8}-[0-9a-f]{24}$/;
const NAME = /^[\p{L}\p{N}\p{Z}_.:/%&#=+\-@]{1,200}$/u;
const ANNOTATION_KEY = /^[A-Za-z0-9_]{1,500}$/;

/**
 * The problems found in one document and the subsegments nested in it; empty when it is
 * valid. A nested subsegment takes its trace and parent from where it sits: it names neither.
 */
export function segmentDocumentProblems(document: WireDocument, nested = false): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, problem: string) => void (ok || problems.push(problem));
  check(
    typeof document.name === 'string' && NAME.test(document.name),
    `name ${JSON.stringify(document.name)} is not a valid segment name`,
  );
  check(typeof document.id === 'string' && ID.test(document.id), 'id must be 16 lowercase hex digits');
  if (nested) {
    for (const field of ['trace_id', 'parent_id', 'type'])
      check(document[field] === undefined, `a nested subsegment has no ${field}`);
  } else {
    check(
      typeof document.trace_id === 'string' && TRACE_ID.test(document.trace_id),
      'trace_id must be 1-<8 hex>-<24 hex>',
    );
  }
  check(typeof document.start_time === 'number' && Number.isFinite(document.start_time), 'start_time must be a number');
  check(
    typeof document.end_time === 'number' && document.end_time >= (document.start_time as number),
    'end_time must be a number >= start_time',
  );
  check(document.in_progress === undefined, 'a finished span is not in progress');
  check(
    document.parent_id === undefined || (typeof document.parent_id === 'string' && ID.test(document.parent_id)),
    'parent_id must be 16 hex digits',
  );
  check(
    document.type === undefined || (document.type === 'subsegment' && document.parent_id !== undefined),
    'an independent subsegment needs type and parent_id',
  );
  for (const flag of ['fault', 'error', 'throttle'])
    check(document[flag] === undefined || document[flag] === true, `${flag} must be true or absent`);
  const annotations = (document.annotations ?? {}) as Record<string, unknown>;
  for (const [key, value] of Object.entries(annotations)) {
    check(ANNOTATION_KEY.test(key), `annotation key ${key} is invalid`);
    check(['string', 'number', 'boolean'].includes(typeof value), `annotation ${key} must be a scalar`);
    check(typeof value !== 'string' || value.length <= 1000, `annotation ${key} is too long`);
  }
  for (const [namespace, entries] of Object.entries((document.metadata ?? {}) as Record<string, unknown>)) {
    check(
      typeof entries === 'object' && entries !== null && !Array.isArray(entries),
      `metadata.${namespace} must be an object`,
    );
  }
  const request = ((document.http as { request?: Record<string, unknown> } | undefined)?.request ?? {}) as Record<
    string,
    unknown
  >;
  for (const [field, value] of Object.entries(request))
    check(
      typeof value === 'string' && value.length <= 250,
      `http.request.${field} must be a string of at most 250 characters`,
    );
  const response = ((document.http as { response?: Record<string, unknown> } | undefined)?.response ?? {}) as Record<
    string,
    unknown
  >;
  for (const [field, value] of Object.entries(response))
    check(typeof value === 'number', `http.response.${field} must be a number`);
  const cause = document.cause as { exceptions?: Array<Record<string, unknown>> } | undefined;
  for (const exception of cause?.exceptions ?? []) {
    check(typeof exception.id === 'string' && ID.test(exception.id), 'exception ids are 16 hex digits');
    for (const frame of (exception.stack ?? []) as Array<{ line?: unknown }>) {
      check(frame.line === undefined || Number.isInteger(frame.line), 'stack frame lines are integers');
    }
  }
  const subsegments = document.subsegments;
  check(
    subsegments === undefined || (Array.isArray(subsegments) && subsegments.length > 0),
    'subsegments must be a non-empty array',
  );
  for (const child of Array.isArray(subsegments) ? (subsegments as WireDocument[]) : [])
    problems.push(
      ...segmentDocumentProblems(child, true).map((problem) => `subsegment ${String(child.id)}: ${problem}`),
    );
  return problems;
}
