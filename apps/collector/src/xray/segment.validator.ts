import { fromXrayTraceId } from '@app/common';
import { canonicalTraceId } from '../store/trace-ids';
import type { XraySegmentDocument } from '../store/xray-segment';

/** A segment document that passed validation, with its canonical trace id. */
export interface ValidSegment {
  ok: true;
  document: XraySegmentDocument;
  traceId: string;
}

/** Why a document was refused; `id` when the document had a readable one (PutTraceSegments reports it). */
export interface InvalidSegment {
  ok: false;
  id?: string;
  message: string;
}

const SEGMENT_ID = /^[0-9a-f]{16}$/i;
const ANNOTATION_KEY = /^[A-Za-z0-9_]{1,500}$/;
// AWS's schema restricts segment (service) names to letters, numbers, spaces and these symbols; subsegment names are free.
const SEGMENT_NAME = /^[\p{L}\p{Z}\p{N}_.:/%&#=+\\\-@]*$/u;
const MAX_NAME_LENGTH = 200;
const MAX_ANNOTATION_LENGTH = 1000;
const MAX_HTTP_FIELD_LENGTH = 250;
// Deeper nesting is certainly not from an SDK and would cost stack.
const MAX_DEPTH = 64;

class Invalid extends Error {}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

function fail(path: string, problem: string): never {
  throw new Invalid(`${path} ${problem}`);
}

function checkBoolean(doc: Json, field: string, path: string): void {
  if (doc[field] !== undefined && typeof doc[field] !== 'boolean') fail(`${path}${field}`, 'must be a boolean');
}

function checkAnnotations(value: unknown, path: string): void {
  if (value === undefined) return;
  if (!isObject(value)) fail(path, 'must be an object');
  for (const [key, annotation] of Object.entries(value)) {
    if (!ANNOTATION_KEY.test(key))
      fail(`${path}.${key}`, 'is not a valid annotation key (1-500 letters, digits or underscores)');
    if (typeof annotation === 'string') {
      if (annotation.length > MAX_ANNOTATION_LENGTH)
        fail(`${path}.${key}`, `is longer than ${MAX_ANNOTATION_LENGTH} characters`);
    } else if (!isNumber(annotation) && typeof annotation !== 'boolean') {
      fail(`${path}.${key}`, 'must be a string, a number or a boolean');
    }
  }
}

function checkHttp(value: unknown, path: string): void {
  if (value === undefined) return;
  if (!isObject(value)) fail(path, 'must be an object');
  const { request, response } = value;
  if (request !== undefined) {
    if (!isObject(request)) fail(`${path}.request`, 'must be an object');
    for (const field of ['method', 'url', 'user_agent', 'client_ip']) {
      const text = request[field];
      if (text === undefined) continue;
      if (typeof text !== 'string') fail(`${path}.request.${field}`, 'must be a string');
      if (text.length > MAX_HTTP_FIELD_LENGTH)
        fail(`${path}.request.${field}`, `is longer than ${MAX_HTTP_FIELD_LENGTH} characters`);
    }
  }
  if (response !== undefined) {
    if (!isObject(response)) fail(`${path}.response`, 'must be an object');
    for (const field of ['status', 'content_length']) {
      if (response[field] !== undefined && !isNumber(response[field]))
        fail(`${path}.response.${field}`, 'must be a number');
    }
  }
}

/** Checks the fields every (sub)segment has; `path` prefixes messages ("" for the document itself). */
function checkCommon(doc: Json, path: string, isSegment: boolean): void {
  if (!isObject(doc)) fail(path || 'document', 'must be a JSON object');
  if (typeof doc.id !== 'string' || !SEGMENT_ID.test(doc.id)) fail(`${path}id`, 'must be 16 hexadecimal digits');
  if (typeof doc.name !== 'string' || doc.name.length === 0) fail(`${path}name`, 'must be a non-empty string');
  if (doc.name.length > MAX_NAME_LENGTH) fail(`${path}name`, `is longer than ${MAX_NAME_LENGTH} characters`);
  if (isSegment && !SEGMENT_NAME.test(doc.name)) {
    fail(`${path}name`, 'may only contain letters, numbers, spaces and _ . : / % & # = + \\ - @');
  }
  if (!isNumber(doc.start_time)) fail(`${path}start_time`, 'must be a number (epoch seconds)');
  checkBoolean(doc, 'in_progress', path);
  if (doc.end_time === undefined) {
    if (doc.in_progress !== true) fail(`${path}end_time`, 'is required unless in_progress is true');
  } else if (!isNumber(doc.end_time)) {
    fail(`${path}end_time`, 'must be a number (epoch seconds)');
  } else if (doc.end_time < doc.start_time) {
    fail(`${path}end_time`, 'must not be before start_time');
  }
  if (doc.parent_id !== undefined && (typeof doc.parent_id !== 'string' || !SEGMENT_ID.test(doc.parent_id))) {
    fail(`${path}parent_id`, 'must be 16 hexadecimal digits');
  }
  for (const flag of ['error', 'fault', 'throttle']) checkBoolean(doc, flag, path);
  if (doc.namespace !== undefined && typeof doc.namespace !== 'string') fail(`${path}namespace`, 'must be a string');
  if (doc.origin !== undefined && typeof doc.origin !== 'string') fail(`${path}origin`, 'must be a string');
  checkAnnotations(doc.annotations, `${path}annotations`);
  if (doc.metadata !== undefined && (!isObject(doc.metadata) || !Object.values(doc.metadata).every(isObject))) {
    fail(`${path}metadata`, 'must be an object of objects (one per namespace)');
  }
  checkHttp(doc.http, `${path}http`);
}

function checkSubsegments(doc: Json, path: string, depth: number): void {
  if (doc.subsegments === undefined) return;
  if (!Array.isArray(doc.subsegments)) fail(`${path}subsegments`, 'must be an array');
  if (depth >= MAX_DEPTH) fail(`${path}subsegments`, `are nested deeper than ${MAX_DEPTH} levels`);
  doc.subsegments.forEach((child: unknown, index) => {
    const childPath = `${path}subsegments[${index}].`;
    if (!isObject(child)) fail(`${path}subsegments[${index}]`, 'must be a JSON object');
    checkCommon(child, childPath, false);
    checkSubsegments(child, childPath, depth + 1);
  });
}

/**
 * Validates one segment document as X-Ray does (AWS's segment document
 * schema plus the rules the service applies): a whole segment, or a
 * subsegment sent on its own (`type: "subsegment"`, with `trace_id` and
 * `parent_id`), in progress or complete, with its nested subsegments.
 */
export function validateSegmentDocument(value: unknown): ValidSegment | InvalidSegment {
  const id = isObject(value) && typeof value.id === 'string' ? value.id : undefined;
  try {
    if (!isObject(value)) fail('document', 'must be a JSON object');
    if (value.type !== undefined && value.type !== 'subsegment') fail('type', 'must be "subsegment" when present');
    const independentSubsegment = value.type === 'subsegment';
    checkCommon(value, '', !independentSubsegment);
    if (typeof value.trace_id !== 'string' || fromXrayTraceId(value.trace_id) === undefined) {
      fail('trace_id', 'must be an X-Ray trace id (1-8 hex digits-24 hex digits)');
    }
    const traceId = canonicalTraceId(value.trace_id);
    if (traceId === undefined) fail('trace_id', 'must not be all zeros');
    if (independentSubsegment && value.parent_id === undefined)
      fail('parent_id', 'is required for a subsegment sent on its own');
    checkSubsegments(value, '', 1);
    return { ok: true, document: value as XraySegmentDocument, traceId };
  } catch (error) {
    if (error instanceof Invalid) return { ok: false, id, message: error.message };
    throw error;
  }
}
