import type { OpenAPIObject, OperationObject, PathItemObject } from '@nestjs/swagger';
import { TRACE_REQUEST_PARAMETERS, TRACE_RESPONSE_HEADERS, refsTo } from './openapi.headers';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** Every operation of a document, in its order. */
export function operationsOf(document: OpenAPIObject): OperationObject[] {
  return Object.values(document.paths).flatMap((item: PathItemObject) =>
    METHODS.flatMap((method) => item[method] ?? []),
  );
}

/**
 * Gives every operation the trace headers a request may carry, and every
 * response the ones it answers with (both once, in components): the
 * observability library reads and writes them for every route, so the
 * document says it in one place rather than on each controller.
 */
export function addTraceHeaders(document: OpenAPIObject): void {
  document.components = {
    ...document.components,
    parameters: { ...document.components?.parameters, ...TRACE_REQUEST_PARAMETERS },
    headers: { ...document.components?.headers, ...TRACE_RESPONSE_HEADERS },
  };
  const parameters = Object.values(refsTo('parameters', Object.keys(TRACE_REQUEST_PARAMETERS)));
  const headers = refsTo('headers', Object.keys(TRACE_RESPONSE_HEADERS));
  for (const operation of operationsOf(document)) {
    operation.parameters = [...(operation.parameters ?? []), ...parameters];
    for (const response of Object.values(operation.responses)) {
      if (response && !('$ref' in response)) response.headers = { ...response.headers, ...headers };
    }
  }
}
