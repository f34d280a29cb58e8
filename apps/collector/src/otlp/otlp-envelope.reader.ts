import type { Attributes } from '../store/otel-span';
import { type Json, OtlpItemError, OtlpRequestError, isObject, list, resourceOf, scopeOf } from './otlp-values';

/** What every item of an OTLP request shares with its envelope. */
export interface EnvelopeContext {
  resource: Attributes;
  serviceName: string;
  scope: { name: string; version?: string };
}

export interface ReadResult<T> {
  items: T[];
  rejected: number;
  /** The first few reasons, for partial_success.error_message. */
  errors: string[];
}

/** Where the items sit in one signal's request: `resourceSpans[].scopeSpans[].spans[]`, and so on. */
export interface EnvelopeShape {
  request: string;
  resources: string;
  scopes: string;
  items: string;
}

/**
 * Walks an OTLP export request in its JSON shape (from OTLP/JSON, or from
 * protobuf via protobufjs's toObject). A malformed envelope (resource, scope,
 * lists) throws OtlpRequestError: the whole request is refused. Each item that
 * `readItem` refuses with OtlpItemError is counted and explained; the others
 * are returned.
 */
export function readEnvelope<T>(
  request: unknown,
  shape: EnvelopeShape,
  readItem: (item: Json, where: string, context: EnvelopeContext) => T,
): ReadResult<T> {
  if (!isObject(request)) throw new OtlpRequestError(`the request must be an ${shape.request} object`);
  const result: ReadResult<T> = { items: [], rejected: 0, errors: [] };
  list(request, shape.resources, 'request').forEach((resourceEntry, r) => {
    const atResource = `${shape.resources}[${r}]`;
    const { resource, serviceName } = resourceOf(resourceEntry, atResource);
    list(resourceEntry, shape.scopes, atResource).forEach((scopeEntry, s) => {
      const atScope = `${atResource}.${shape.scopes}[${s}]`;
      const scope = scopeOf(scopeEntry, atScope);
      list(scopeEntry, shape.items, atScope).forEach((item, i) => {
        try {
          result.items.push(readItem(item, `${atScope}.${shape.items}[${i}]`, { resource, serviceName, scope }));
        } catch (error) {
          if (!(error instanceof OtlpItemError)) throw error;
          result.rejected += 1;
          if (result.errors.length < 5) result.errors.push(error.message);
        }
      });
    });
  });
  return result;
}
