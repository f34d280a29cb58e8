import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { OpenAPIObject, OperationObject, ParameterObject, ReferenceObject } from '@nestjs/swagger';

const ROOT = path.resolve(__dirname, '..', '..');

/** The committed document, as `npm run openapi` writes it. */
export const OPENAPI_FILE = path.join(ROOT, 'docs', 'openapi.json');

export function readCommittedDocument(): OpenAPIObject {
  return JSON.parse(readFileSync(OPENAPI_FILE, 'utf8')) as OpenAPIObject;
}

export interface DocumentedOperation {
  method: string;
  /** The path template, `{name}` for each parameter. */
  path: string;
  operation: OperationObject;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

export function operationsOf(document: OpenAPIObject): DocumentedOperation[] {
  return Object.entries(document.paths).flatMap(([template, item]) =>
    METHODS.flatMap((method) => {
      const operation = item[method];
      return operation ? [{ method: method.toUpperCase(), path: template, operation }] : [];
    }),
  );
}

/** The operation's own parameters (the shared trace headers are references). */
export function parametersOf(operation: OperationObject): ParameterObject[] {
  return (operation.parameters ?? []).filter(
    (parameter: ParameterObject | ReferenceObject): parameter is ParameterObject => !('$ref' in parameter),
  );
}

/**
 * The endpoints of the README's "Endpoints (gateway)" table, as `METHOD /path/{param}`: the first
 * code span of each row, without its query, its `:name` parameters written the OpenAPI way.
 */
export function readmeGatewayEndpoints(): string[] {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const section = readme.split('\n### Endpoints (gateway)\n')[1]?.split('\n#')[0] ?? '';
  return section
    .split('\n')
    .map((line) => /^\| `(GET|POST|PUT|PATCH|DELETE) ([^`?\s]+)/.exec(line))
    .filter((match): match is RegExpExecArray => match !== null)
    .map(([, method, route]) => `${method} ${route.replace(/:(\w+)/g, '{$1}')}`);
}
