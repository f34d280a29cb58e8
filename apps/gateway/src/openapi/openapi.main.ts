// The entry of `npm run openapi` (scripts/openapi.mjs): writes the gateway's OpenAPI document, as
// JSON, to the file its first argument names. The app is created as main.ts creates it but never
// listens, with telemetry off and the default configuration: the document depends on neither.
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import { readObservabilityOptions, startTelemetry } from '@app/observability/telemetry';
import { SUITE_VERSION } from '@app/contracts';
import { loadGatewayConfig } from '../gateway.config';
import { GatewayModule } from '../gateway.module';
import { buildOpenApiDocument } from './openapi.document';

async function writeDocument(): Promise<void> {
  const output = process.argv[2];
  if (!output) throw new Error('usage: openapi.main.js <output file>');
  const telemetry = startTelemetry(
    readObservabilityOptions({ OTEL_SDK_DISABLED: 'true' }, { serviceName: 'gateway', serviceVersion: SUITE_VERSION }),
  );
  const app = await NestFactory.create(GatewayModule.forRoot(loadGatewayConfig({}), { telemetry }), {
    logger: false,
  });
  const document = buildOpenApiDocument(app);
  await app.close();
  writeFileSync(output, `${JSON.stringify(document, null, 2)}\n`);
}

writeDocument().catch((error: unknown) => {
  console.error(`openapi: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
