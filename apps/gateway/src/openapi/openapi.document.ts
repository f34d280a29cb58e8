import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { SUITE_VERSION } from '@app/contracts';
import { closeResponseSchemas } from './closed-schemas.openapi';
import { RATE_LIMIT_HEADERS } from './openapi.headers';
import { addTraceHeaders, operationsOf } from './trace-headers.openapi';

const DESCRIPTION = `The public REST API of **Cruddur tracing**, a NestJS microservice suite that shows distributed tracing done right: a request to this gateway travels to the activities and notifications services over HTTP and over Nest's TCP transport, and comes out as one trace, the same in AWS X-Ray and in OpenTelemetry, with every log line and error report carrying its id.

**Find your trace.** Every response names its trace in \`traceresponse\` (W3C Trace Context Level 2, \`00-<trace id>-<span id>-<flags>\`) and \`X-Amzn-Trace-Id\`. With the suite's collector (\`npm start\`), \`GET http://127.0.0.1:4318/api/traces/<trace id>\` gives both views of it, and the trace explorer at http://127.0.0.1:4318/ opens it from any of these headers pasted in. Send a \`traceparent\` (or \`X-Amzn-Trace-Id\`) to make the request part of a trace of your own.

**Errors** are JSON: \`{"statusCode", "error", "message"}\`, with \`errors\` (validation codes) on a 422 and \`dependency\` (the service that failed) on a 502, 503 or 504.`;

/**
 * The gateway's OpenAPI document, from its controllers' decorators and the
 * contracts' DTOs and schemas. It reads no configuration, so the document the
 * gateway serves and docs/openapi.json (`npm run openapi`) are the same.
 */
export function buildOpenApiDocument(app: INestApplication<unknown>): OpenAPIObject {
  const config = new DocumentBuilder()
    .setOpenAPIVersion('3.1.0')
    .setTitle('Cruddur tracing: gateway API')
    .setVersion(SUITE_VERSION)
    .setDescription(DESCRIPTION)
    .setLicense('MIT', 'https://opensource.org/license/mit')
    .addServer('http://127.0.0.1:4567', 'The gateway as npm start and docker compose up publish it')
    .addTag('health', 'Liveness and readiness')
    .addTag(
      'activities',
      'Activities and their replies (the activities service), notifications (the notifications service)',
    )
    .addTag('rollbar', 'The original app’s error-report check')
    .build();
  // What the 429s of ApiErrorResponses refer to; addTraceHeaders adds its own.
  config.components = { ...config.components, headers: { ...RATE_LIMIT_HEADERS } };
  const document = SwaggerModule.createDocument(app, config);
  addTraceHeaders(document);
  closeResponseSchemas(document);
  inStatusOrder(document);
  return document;
}

/** Responses by status, success first (Swagger UI lists them in the document's order, decorators add them bottom-up). */
function inStatusOrder(document: OpenAPIObject): void {
  for (const operation of operationsOf(document)) {
    operation.responses = Object.fromEntries(
      Object.entries(operation.responses).sort(([a], [b]) => a.localeCompare(b)),
    );
  }
}
