import type { OpenAPIObject, SchemaObject } from '@nestjs/swagger';
import { operationsOf } from './trace-headers.openapi';

const SCHEMA_REF = '#/components/schemas/';

/**
 * Closes every object schema a response uses (additionalProperties: false):
 * the gateway's answers are fully known, so a field the document does not
 * name is a mistake that a contract check should catch. Schemas used by
 * requests alone stay open: the validation pipe drops unknown fields rather
 * than refusing them.
 */
export function closeResponseSchemas(document: OpenAPIObject): void {
  const schemas = document.components?.schemas ?? {};
  const used = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node !== 'object' || node === null) return;
    for (const [key, value] of Object.entries(node)) {
      if (key === 'example' || key === 'examples') continue;
      if (key === '$ref' && typeof value === 'string' && value.startsWith(SCHEMA_REF)) {
        const name = value.slice(SCHEMA_REF.length);
        if (!used.has(name)) {
          used.add(name);
          visit(schemas[name]);
        }
      } else visit(value);
    }
  };
  for (const operation of operationsOf(document)) visit(operation.responses);
  for (const name of used) {
    const schema = schemas[name] as SchemaObject;
    if (schema.type === 'object' && schema.properties) schema.additionalProperties = false;
  }
}
