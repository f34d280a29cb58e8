import { isUtf8 } from 'node:buffer';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NestExpressApplication, NestExpressBodyParserOptionsFor } from '@nestjs/platform-express';
import { JsonTooDeepError, assertJsonDepth } from '@app/common';
import { rejectNonJsonBodies } from './json-body.middleware';

/** Largest JSON body a service reads unless told otherwise (Express's own default, 100 KiB). */
export const DEFAULT_JSON_BODY_LIMIT_BYTES = 100 * 1024;

/** `type` of the body-parser errors raised by {@link verifyJsonBody}, answered by HttpExceptionFilter. */
export const JsonBodyErrorType = {
  TooDeep: 'entity.too.deep',
  InvalidUtf8: 'entity.utf8.invalid',
} as const;

/**
 * A body refused before parsing. body-parser keeps `status` and `type` of an
 * error thrown by its `verify` hook (http-errors reuses the error), so the HTTP
 * filter answers it like the parser's own errors.
 */
export class JsonBodyRefusedError extends Error {
  readonly status = 400;
  readonly expose = true;

  constructor(
    readonly type: (typeof JsonBodyErrorType)[keyof typeof JsonBodyErrorType],
    message: string,
  ) {
    super(message);
    this.name = 'JsonBodyRefusedError';
  }
}

function isUtf8Charset(encoding: string | null): boolean {
  return encoding === null || /^utf-?8$/i.test(encoding);
}

/**
 * body-parser's `verify` hook: runs on the raw (inflated) bytes before
 * `JSON.parse`. Refuses bytes that are not UTF-8 (the decoder would otherwise
 * replace them with U+FFFD and the service would store what nobody sent) and
 * JSON nesting deeper than `MAX_JSON_DEPTH` (the recursive walks after parsing,
 * class-transformer first, overflow the stack at about 2,000 levels).
 */
export function verifyJsonBody(
  _request: IncomingMessage,
  _response: ServerResponse,
  body: Buffer,
  encoding: string | null,
): void {
  let text: string | Uint8Array = body;
  if (isUtf8Charset(encoding)) {
    if (!isUtf8(body)) {
      throw new JsonBodyRefusedError(
        JsonBodyErrorType.InvalidUtf8,
        'Request body is not valid UTF-8: it holds a byte sequence that encodes no character',
      );
    }
  } else {
    // Another UTF (body-parser accepts only utf-* charsets): checked on the decoded text, which the parser reads too.
    try {
      text = new TextDecoder(encoding ?? 'utf-8').decode(body);
    } catch {
      return; // A charset the decoder does not know: body-parser answers 415 for it.
    }
  }
  try {
    assertJsonDepth(text);
  } catch (error) {
    if (!(error instanceof JsonTooDeepError)) throw error;
    throw new JsonBodyRefusedError(JsonBodyErrorType.TooDeep, `Request body is not valid JSON: ${error.message}`);
  }
}

export interface JsonBodyOptions {
  /** Largest body, in bytes after decompression; 413 above it. @default DEFAULT_JSON_BODY_LIMIT_BYTES */
  limitBytes?: number;
}

/**
 * How every service reads request bodies: JSON only (415 otherwise, see
 * rejectNonJsonBodies), at most `limitBytes` (413), UTF-8 and at most
 * `MAX_JSON_DEPTH` levels deep (400), all checked before parsing. Create the
 * app with `bodyParser: false`, then call this before the routes run.
 */
export function useJsonBodies(
  app: Pick<NestExpressApplication, 'useBodyParser' | 'use'>,
  options: JsonBodyOptions = {},
): void {
  const parserOptions = { limit: options.limitBytes ?? DEFAULT_JSON_BODY_LIMIT_BYTES, verify: verifyJsonBody };
  // Nest's type leaves `verify` out because its `rawBody` option would replace it; the suite never sets `rawBody`,
  // and Nest hands the options to express.json() as they are.
  app.useBodyParser('json', parserOptions as NestExpressBodyParserOptionsFor<'json'>);
  app.use(rejectNonJsonBodies);
}
