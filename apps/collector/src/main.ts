import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AllExceptionsFilter, drainableHttpServer, exitOnSignals, startOrExit } from '@app/platform';
import { loadCollectorConfig } from './collector.config';
import { CollectorModule } from './collector.module';
import { EXPLORER_DIR, serveExplorerPage } from './explorer/explorer-page';

async function bootstrap(): Promise<void> {
  const config = loadCollectorConfig(process.env);
  const logger = new Logger('collector');
  // Bodies are read by each protocol's controller (see common/body.reader.ts), in its own wire format.
  const app = await NestFactory.create<NestExpressApplication>(CollectorModule.forRoot(config), { bodyParser: false });
  // No `X-Powered-By: Express`: it tells a scanner which framework to try, and a client nothing.
  app.disable('x-powered-by');
  app.useGlobalFilters(new AllExceptionsFilter());
  if (!serveExplorerPage(app)) logger.warn(`no trace explorer page at ${EXPLORER_DIR} (npm run build makes it)`);
  const http = drainableHttpServer(app.getHttpServer());
  await app.listen(config.httpPort, config.host);
  exitOnSignals(app, { timeoutMs: config.shutdownTimeoutMs, logger, servers: [http] });
  const { host, httpPort, xrayDaemonPort } = config;
  logger.log(
    `collector listening on http://${host}:${httpPort} (OTLP/HTTP, X-Ray API, CloudWatch Logs, Rollbar, read API, trace explorer at /), ` +
      `udp://${host}:${xrayDaemonPort} (X-Ray daemon) and tcp://${host}:${xrayDaemonPort} (X-Ray sampling proxy)`,
  );
}

startOrExit('collector', bootstrap);
