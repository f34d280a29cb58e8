import type { AttributeValue, Attributes } from '../store/otel-span';

/** A request whose envelope cannot be read at all: the whole request is refused (HTTP 400). */
export class OtlpRequestError extends Error {
  override name = 'OtlpRequestError';
}

/** One item (span, log record) that cannot be kept: it is counted in partial_success, the rest is kept. */
export class OtlpItemError extends Error {
  override name = 'OtlpItemError';
}

/** How ids arrive: hex in OTLP/JSON, base64 after protobufjs turned bytes into strings. */
export type IdEncoding = 'hex' | 'base64';

export type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A field by its lowerCamelCase name or, as proto3's JSON mapping allows, its original snake_case name. */
export function field(object: Json, camel: string): unknown {
  if (camel in object) return object[camel];
  const snake = camel.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
  return object[snake];
}

/** A repeated field: absent means empty; anything but an array is an envelope error. */
export function list(object: Json, camel: string, where: string): Json[] {
  const value = field(object, camel);
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new OtlpRequestError(`${where}.${camel} must be an array`);
  return value.map((item, index) => {
    if (!isObject(item)) throw new OtlpRequestError(`${where}.${camel}[${index}] must be an object`);
    return item;
  });
}

export function optionalString(object: Json, camel: string, where: string, Err = OtlpItemError): string | undefined {
  const value = field(object, camel);
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new Err(`${where}.${camel} must be a string`);
  return value;
}

/** A 64-bit unsigned integer (JSON: decimal string or number) as a decimal string. */
export function uint64(object: Json, camel: string, where: string): string {
  const value = field(object, camel);
  if (value === undefined || value === null) return '0';
  const text = typeof value === 'number' && Number.isInteger(value) && value >= 0 ? String(value) : value;
  if (typeof text !== 'string' || !/^\d{1,20}$/.test(text) || BigInt(text) > 0xffffffffffffffffn) {
    throw new OtlpItemError(`${where}.${camel} must be an unsigned 64-bit integer, got ${JSON.stringify(value)}`);
  }
  return BigInt(text).toString();
}

/** A small unsigned integer field (counts, flags, enums given as numbers). */
export function uint32(object: Json, camel: string, where: string): number | undefined {
  const value = field(object, camel);
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 0xffffffff) {
    throw new OtlpItemError(`${where}.${camel} must be an unsigned 32-bit integer, got ${JSON.stringify(value)}`);
  }
  return value;
}

/**
 * An id (trace: 16 bytes, span: 8 bytes) as lowercase hex. Empty or absent is
 * undefined; the wrong length, bad digits or all zeros are item errors.
 */
export function id(
  object: Json,
  camel: string,
  bytes: 8 | 16,
  encoding: IdEncoding,
  where: string,
): string | undefined {
  const value = field(object, camel);
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new OtlpItemError(`${where}.${camel} must be a string`);
  const hex = encoding === 'hex' ? value.toLowerCase() : Buffer.from(value, 'base64').toString('hex');
  if (!new RegExp(`^[0-9a-f]{${bytes * 2}}$`).test(hex)) {
    throw new OtlpItemError(
      `${where}.${camel} must be ${bytes} bytes (${bytes * 2} hex digits), got ${JSON.stringify(value)}`,
    );
  }
  if (/^0+$/.test(hex)) throw new OtlpItemError(`${where}.${camel} must not be all zeros`);
  return hex;
}

/** An AnyValue as plain JSON (64-bit integers as numbers when exact, else as decimal strings; bytes as base64). */
export function anyValue(value: unknown, where: string): AttributeValue {
  if (value === undefined || value === null) return null;
  if (!isObject(value)) throw new OtlpItemError(`${where} must be an AnyValue object`);
  const keys = Object.keys(value).filter((key) => value[key] !== undefined && value[key] !== null);
  if (keys.length === 0) return null;
  if (keys.length > 1) throw new OtlpItemError(`${where} must hold one value, got ${keys.join(', ')}`);
  const key = keys[0];
  const inner = value[key];
  switch (key) {
    case 'stringValue':
    case 'string_value':
    case 'bytesValue':
    case 'bytes_value':
      if (typeof inner !== 'string') throw new OtlpItemError(`${where}.${key} must be a string`);
      return inner;
    case 'boolValue':
    case 'bool_value':
      if (typeof inner !== 'boolean') throw new OtlpItemError(`${where}.${key} must be a boolean`);
      return inner;
    case 'intValue':
    case 'int_value': {
      const text = typeof inner === 'number' && Number.isInteger(inner) ? String(inner) : inner;
      if (typeof text !== 'string' || !/^-?\d{1,20}$/.test(text))
        throw new OtlpItemError(`${where}.${key} must be an integer`);
      const exact = Number(text);
      return Number.isSafeInteger(exact) ? exact : text;
    }
    case 'doubleValue':
    case 'double_value':
      if (typeof inner === 'number') return inner;
      if (inner === 'NaN' || inner === 'Infinity' || inner === '-Infinity') return inner;
      throw new OtlpItemError(`${where}.${key} must be a number`);
    case 'arrayValue':
    case 'array_value':
      if (!isObject(inner)) throw new OtlpItemError(`${where}.${key} must be an object`);
      return list(inner, 'values', `${where}.${key}`).map((item, index) =>
        anyValue(item, `${where}.${key}.values[${index}]`),
      );
    case 'kvlistValue':
    case 'kvlist_value':
      if (!isObject(inner)) throw new OtlpItemError(`${where}.${key} must be an object`);
      return attributes(inner, 'values', `${where}.${key}`);
    default:
      throw new OtlpItemError(`${where} has an unknown value kind "${key}"`);
  }
}

/** A repeated KeyValue field as an object; a later duplicate key wins. */
export function attributes(object: Json, camel: string, where: string): Attributes {
  const result: Attributes = {};
  const raw = field(object, camel);
  if (raw === undefined || raw === null) return result;
  if (!Array.isArray(raw)) throw new OtlpItemError(`${where}.${camel} must be an array`);
  raw.forEach((entry: unknown, index) => {
    const at = `${where}.${camel}[${index}]`;
    if (!isObject(entry) || typeof entry.key !== 'string')
      throw new OtlpItemError(`${at} must be a KeyValue with a string key`);
    result[entry.key] = anyValue(entry.value, `${at}.value`);
  });
  return result;
}

/** The resource of a ResourceSpans/ResourceLogs, and its service name. Errors here refuse the whole request. */
export function resourceOf(container: Json, where: string): { resource: Attributes; serviceName: string } {
  const raw = field(container, 'resource');
  if (raw !== undefined && raw !== null && !isObject(raw))
    throw new OtlpRequestError(`${where}.resource must be an object`);
  let resource: Attributes;
  try {
    resource = isObject(raw) ? attributes(raw, 'attributes', `${where}.resource`) : {};
  } catch (error) {
    throw new OtlpRequestError((error as Error).message);
  }
  const name = resource['service.name'];
  return { resource, serviceName: typeof name === 'string' && name !== '' ? name : 'unknown_service' };
}

/** The instrumentation scope of a ScopeSpans/ScopeLogs. */
export function scopeOf(container: Json, where: string): { name: string; version?: string } {
  const raw = field(container, 'scope');
  if (raw === undefined || raw === null) return { name: '' };
  if (!isObject(raw)) throw new OtlpRequestError(`${where}.scope must be an object`);
  const name = optionalString(raw, 'name', `${where}.scope`, OtlpRequestError) ?? '';
  const version = optionalString(raw, 'version', `${where}.scope`, OtlpRequestError);
  return version ? { name, version } : { name };
}
