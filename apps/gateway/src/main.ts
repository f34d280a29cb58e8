import { observabilityOptions, telemetry } from './telemetry';
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { setUpReporting, traceResponseHeaders } from '@app/observability';
import {
  AllExceptionsFilter,
  createValidationPipe,
  drainableHttpServer,
  exitOnSignals,
  shutdownBudget,
  startOrExit,
  useJsonBodies,
} from '@app/platform';
import { loadGatewayConfig } from './gateway.config';
import { GatewayModule } from './gateway.module';
import { setUpOpenApi } from './openapi/openapi.setup';

// The logger (console and CloudWatch Logs) and the error reporter (Rollbar), both carrying the
// trace ids; set up once telemetry runs, before Nest creates the app.
const reporting = setUpReporting(process.env, { ...observabilityOptions, codeRoot: __dirname });

async function bootstrap(): Promise<void> {
  const config = loadGatewayConfig(process.env);
  const logger = new Logger('gateway');
  const app = await NestFactory.create<NestExpressApplication>(
    GatewayModule.forRoot(config, {
      telemetry,
      ...reporting,
      flushTimeoutMs: shutdownBudget(config.shutdownTimeoutMs).flushMs,
    }),
    {
      bodyParser: false,
      logger: reporting.logger.logger,
    },
  );
  // No `X-Powered-By: Express`: it tells a scanner which framework to try, and a client nothing.
  app.disable('x-powered-by');
  // First: every answer names its trace (traceresponse, X-Amzn-Trace-Id), the ones body parsing
  // refuses (400, 413, 415) included; the access line covers every request, refused ones included.
  app.use(traceResponseHeaders);
  app.use(reporting.logger.access.httpMiddleware());
  useJsonBodies(app, { limitBytes: config.bodyLimitBytes });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());
  setUpOpenApi(app);
  const http = drainableHttpServer(app.getHttpServer());
  await app.listen(config.port, config.host);
  exitOnSignals(app, { timeoutMs: config.shutdownTimeoutMs, logger, servers: [http] });
  logger.log(`gateway listening on http://${config.host}:${config.port}`);
}

startOrExit('gateway', bootstrap);
