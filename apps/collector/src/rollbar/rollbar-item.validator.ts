import { JsonTooDeepError, parseJson } from '@app/common';
import { ProtocolError } from '../common/protocol.error';
import { ROLLBAR } from './rollbar.constants';
import type { RollbarItemData } from './rollbar-item.model';

type Json = Record<string, unknown>;

/** A payload that passed validation. */
export interface ValidRollbarPayload {
  data: RollbarItemData;
  /** `access_token` from the body, when there. */
  accessToken?: string;
}

const invalid = (message: string) => new ProtocolError(422, 'InvalidItem', message);

function kind(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}

function isObject(value: unknown): value is Json {
  return kind(value) === 'object';
}

/** The body of a request as JSON; 400 when it is not JSON or nests deeper than MAX_JSON_DEPTH. */
export function parseRollbarJson(body: Buffer): unknown {
  try {
    return parseJson(body.toString('utf8'));
  } catch (error) {
    if (error instanceof JsonTooDeepError)
      throw new ProtocolError(400, 'InvalidJson', `Request body is refused: ${error.message}`);
    throw new ProtocolError(400, 'InvalidJson', `Request body is not valid JSON: ${(error as Error).message}`);
  }
}

function checkTrace(trace: unknown, where: string): void {
  if (!isObject(trace)) throw invalid(`${where} must be an object, got ${kind(trace)}`);
  const exception = trace.exception;
  if (!isObject(exception)) throw invalid(`${where}.exception must be an object, got ${kind(exception)}`);
  if (typeof exception.class !== 'string' || exception.class === '')
    throw invalid(`${where}.exception.class must be a non-empty string`);
  if (exception.message !== undefined && typeof exception.message !== 'string')
    throw invalid(`${where}.exception.message must be a string`);
  if (!Array.isArray(trace.frames)) throw invalid(`${where}.frames must be an array, got ${kind(trace.frames)}`);
  trace.frames.forEach((frame, index) => {
    if (!isObject(frame)) throw invalid(`${where}.frames[${index}] must be an object, got ${kind(frame)}`);
  });
}

function checkBody(body: unknown): void {
  if (!isObject(body)) throw invalid(`data.body must be an object, got ${kind(body)}`);
  const present = ROLLBAR.bodyKinds.filter((name) => body[name] !== undefined);
  if (present.length !== 1) {
    const keys = Object.keys(body);
    throw invalid(
      `data.body must have exactly one of ${ROLLBAR.bodyKinds.join(', ')}; got ${keys.length === 0 ? 'none' : keys.join(', ')}`,
    );
  }
  const value = body[present[0]];
  switch (present[0]) {
    case 'trace':
      return checkTrace(value, 'data.body.trace');
    case 'trace_chain':
      if (!Array.isArray(value) || value.length === 0)
        throw invalid(`data.body.trace_chain must be a non-empty array of traces`);
      return value.forEach((trace, index) => checkTrace(trace, `data.body.trace_chain[${index}]`));
    case 'message':
      if (!isObject(value) || typeof value.body !== 'string')
        throw invalid('data.body.message must be an object with a string body');
      return;
    case 'crash_report':
      if (!isObject(value) || typeof value.raw !== 'string')
        throw invalid('data.body.crash_report must be an object with a string raw');
      return;
  }
}

function checkOptional(data: Json, member: string, type: 'string' | 'number' | 'object', maxLength?: number): void {
  const value = data[member];
  if (value === undefined || value === null) return;
  if (kind(value) !== type)
    throw invalid(`data.${member} must be ${type === 'object' ? 'an' : 'a'} ${type}, got ${kind(value)}`);
  if (maxLength !== undefined && (value as string).length > maxLength) {
    throw invalid(`data.${member} must be at most ${maxLength} characters, got ${(value as string).length}`);
  }
}

/**
 * Checks an item payload as Rollbar's API does (422 with a message saying
 * what is wrong): `{access_token?, data: {body: <exactly one kind>, level?, ...}}`.
 */
export function validateRollbarPayload(payload: unknown): ValidRollbarPayload {
  if (!isObject(payload)) throw invalid(`The payload must be a JSON object with a data object, got ${kind(payload)}`);
  const { data, access_token: accessToken } = payload;
  if (accessToken !== undefined && typeof accessToken !== 'string') throw invalid('access_token must be a string');
  if (data === undefined) throw invalid('The payload has no data object');
  if (!isObject(data)) throw invalid(`data must be an object, got ${kind(data)}`);
  checkBody(data.body);
  if (data.level !== undefined && !(ROLLBAR.levels as readonly unknown[]).includes(data.level)) {
    throw invalid(`data.level must be one of ${ROLLBAR.levels.join(', ')}, got ${JSON.stringify(data.level)}`);
  }
  checkOptional(data, 'environment', 'string', ROLLBAR.maxEnvironmentLength);
  checkOptional(data, 'title', 'string', ROLLBAR.maxTitleLength);
  checkOptional(data, 'uuid', 'string', ROLLBAR.maxUuidLength);
  checkOptional(data, 'timestamp', 'number');
  for (const member of ['custom', 'request', 'server', 'person', 'client', 'notifier'])
    checkOptional(data, member, 'object');
  return accessToken === undefined ? { data } : { data, accessToken };
}
