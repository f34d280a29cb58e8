import type { Request, Response } from 'express';

type JsonRequest = Request<Record<string, string>, unknown, unknown, Record<string, unknown>>;
type JsonResponse = Response<unknown, Record<string, unknown>>;

const METHODS_WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);

/**
 * Express middleware: a request that carries a body which is not declared as
 * JSON gets 415 with a message saying so, instead of being read as an empty
 * body and failing validation with misleading codes.
 */
export function rejectNonJsonBodies(
  request: JsonRequest,
  response: JsonResponse,
  next: (error?: unknown) => void,
): void {
  const hasBody =
    request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length'] ?? 0) > 0;
  if (METHODS_WITH_BODY.has(request.method) && hasBody && !request.is(['application/json', '+json'])) {
    response.status(415).json({
      statusCode: 415,
      error: 'Unsupported Media Type',
      message: `Request body must be JSON (Content-Type: application/json), got ${request.headers['content-type'] ?? 'no Content-Type'}`,
    });
    return;
  }
  next();
}
