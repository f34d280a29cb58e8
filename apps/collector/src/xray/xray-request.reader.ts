import type { IncomingMessage } from 'node:http';
import { JsonTooDeepError, parseJson } from '@app/common';
import { readBody } from '../common/body.reader';
import { ProtocolError } from '../common/protocol.error';

type Json = Record<string, unknown>;

interface Bounds {
  required?: boolean;
  min?: number;
  max?: number;
}

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The InvalidRequestException X-Ray answers to a request that breaks its model's constraints. */
export function invalidRequest(message: string): ProtocolError {
  return new ProtocolError(400, 'InvalidRequestException', message);
}

/**
 * Reads the members of a rest-json request body, checking them against the
 * X-Ray model's constraints; a violation is an InvalidRequestException with
 * the wording AWS uses ("1 validation error detected: Value … at '…' failed
 * to satisfy constraint: …"), so the message says which member is wrong.
 */
export class XrayRequestReader {
  private constructor(
    private readonly body: Json,
    private readonly path: string,
  ) {}

  /** Reads and parses a request body (an empty body is `{}`, as the SDKs send for operations without input). */
  static async read(request: IncomingMessage, limit: number): Promise<XrayRequestReader> {
    const bytes = await readBody(request, limit);
    return XrayRequestReader.parse(bytes.toString('utf8'));
  }

  static parse(text: string): XrayRequestReader {
    if (text.trim() === '') return new XrayRequestReader({}, '');
    let body: unknown;
    try {
      body = parseJson(text);
    } catch (error) {
      if (error instanceof JsonTooDeepError) throw invalidRequest(`Request body refused: ${error.message}`);
      throw invalidRequest(`Request body is not valid JSON: ${(error as Error).message}`);
    }
    if (!isObject(body)) throw invalidRequest('Request body must be a JSON object');
    return new XrayRequestReader(body, '');
  }

  private fail(member: string, value: unknown, constraint: string): never {
    const shown = value === undefined || value === null ? 'null' : JSON.stringify(value).slice(0, 100);
    throw invalidRequest(
      `1 validation error detected: Value ${shown} at '${this.path}${member}' failed to satisfy constraint: ${constraint}`,
    );
  }

  private present(member: string, required: boolean | undefined): unknown {
    const value = this.body[member];
    if ((value === undefined || value === null) && required) this.fail(member, value, 'Member must not be null');
    return value ?? undefined;
  }

  string(member: string, bounds: Bounds & { required: true }): string;
  string(member: string, bounds?: Bounds): string | undefined;
  string(member: string, bounds: Bounds = {}): string | undefined {
    const value = this.present(member, bounds.required);
    if (value === undefined) return undefined;
    if (typeof value !== 'string') this.fail(member, value, 'Member must be a string');
    if (bounds.min !== undefined && value.length < bounds.min)
      this.fail(member, value, `Member must have length greater than or equal to ${bounds.min}`);
    if (bounds.max !== undefined && value.length > bounds.max)
      this.fail(member, value, `Member must have length less than or equal to ${bounds.max}`);
    return value;
  }

  number(member: string, bounds: Bounds & { required: true; integer?: boolean }): number;
  number(member: string, bounds?: Bounds & { integer?: boolean }): number | undefined;
  number(member: string, bounds: Bounds & { integer?: boolean } = {}): number | undefined {
    const value = this.present(member, bounds.required);
    if (value === undefined) return undefined;
    if (typeof value !== 'number' || !Number.isFinite(value)) this.fail(member, value, 'Member must be a number');
    if (bounds.integer && !Number.isInteger(value)) this.fail(member, value, 'Member must be an integer');
    if (bounds.min !== undefined && value < bounds.min)
      this.fail(member, value, `Member must have value greater than or equal to ${bounds.min}`);
    if (bounds.max !== undefined && value > bounds.max)
      this.fail(member, value, `Member must have value less than or equal to ${bounds.max}`);
    return value;
  }

  boolean(member: string): boolean | undefined {
    const value = this.present(member, false);
    if (value !== undefined && typeof value !== 'boolean') this.fail(member, value, 'Member must be a boolean');
    return value as boolean | undefined;
  }

  /** A timestamp: epoch seconds (what the SDKs send in rest-json), or an ISO 8601 string. */
  date(member: string, bounds: { required: true }): number;
  date(member: string, bounds?: { required?: boolean }): number | undefined;
  date(member: string, bounds: { required?: boolean } = {}): number | undefined {
    const value = this.present(member, bounds.required);
    if (value === undefined) return undefined;
    const seconds = typeof value === 'number' ? value : typeof value === 'string' ? Date.parse(value) / 1000 : NaN;
    if (!Number.isFinite(seconds)) this.fail(member, value, 'Member must be a timestamp (epoch seconds)');
    return seconds;
  }

  /** A nested structure, read with the same checks. */
  structure(member: string, bounds: { required: true }): XrayRequestReader;
  structure(member: string, bounds?: { required?: boolean }): XrayRequestReader | undefined;
  structure(member: string, bounds: { required?: boolean } = {}): XrayRequestReader | undefined {
    const value = this.present(member, bounds.required);
    if (value === undefined) return undefined;
    if (!isObject(value)) this.fail(member, value, 'Member must be a structure');
    return new XrayRequestReader(value, `${this.path}${member}.`);
  }

  /** A list of items, each read by `item` (given the raw value, and `structure()` to read it as a structure). */
  list<T>(
    member: string,
    bounds: Bounds,
    item: (value: unknown, structure: () => XrayRequestReader) => T,
  ): T[] | undefined {
    const value = this.present(member, bounds.required);
    if (value === undefined) return undefined;
    if (!Array.isArray(value)) this.fail(member, value, 'Member must be a list');
    if (bounds.min !== undefined && value.length < bounds.min)
      this.fail(member, value, `Member must have length greater than or equal to ${bounds.min}`);
    if (bounds.max !== undefined && value.length > bounds.max)
      this.fail(member, value, `Member must have length less than or equal to ${bounds.max}`);
    return value.map((entry: unknown, index) =>
      item(entry, () => {
        if (!isObject(entry)) this.fail(`${member}.${index + 1}`, entry, 'Member must be a structure');
        return new XrayRequestReader(entry, `${this.path}${member}.${index + 1}.`);
      }),
    );
  }

  /** A map of strings to strings (sampling rule attributes). */
  stringMap(member: string, maxKey: number, maxValue: number): Record<string, string> | undefined {
    const value = this.present(member, false);
    if (value === undefined) return undefined;
    if (!isObject(value)) this.fail(member, value, 'Member must be a map');
    for (const [key, entry] of Object.entries(value)) {
      if (key.length < 1 || key.length > maxKey)
        this.fail(`${member}.${key}`, key, `Map keys must have length between 1 and ${maxKey}`);
      if (typeof entry !== 'string' || entry.length < 1 || entry.length > maxValue) {
        this.fail(`${member}.${key}`, entry, `Map values must be strings of length between 1 and ${maxValue}`);
      }
    }
    return value as Record<string, string>;
  }
}
