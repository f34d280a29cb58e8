import type { INestApplication } from '@nestjs/common';
import { SwaggerModule } from '@nestjs/swagger';
import { buildOpenApiDocument } from './openapi.document';

/** Where the gateway serves its document and Swagger UI. */
export const OpenApiRoute = { document: 'api/openapi.json', ui: 'api/docs' } as const;

/**
 * Serves the OpenAPI document at `/api/openapi.json` and Swagger UI at
 * `/api/docs`, its assets from the installed swagger-ui-dist: the page
 * fetches nothing from anywhere but the gateway.
 */
export function setUpOpenApi(app: INestApplication<unknown>): void {
  SwaggerModule.setup(OpenApiRoute.ui, app, buildOpenApiDocument(app), {
    jsonDocumentUrl: OpenApiRoute.document,
    raw: ['json'],
    customSiteTitle: 'Cruddur tracing: gateway API',
    // Swagger UI's default validator badge is an image from validator.swagger.io.
    swaggerOptions: { validatorUrl: null },
  });
}
