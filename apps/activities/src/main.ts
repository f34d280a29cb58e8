import { observabilityOptions, telemetry } from './telemetry';
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createTracedTcpServer, setUpReporting } from '@app/observability';
import {
  AllExceptionsFilter,
  createValidationPipe,
  drainableHttpServer,
  exitOnSignals,
  shutdownBudget,
  startOrExit,
  useJsonBodies,
} from '@app/platform';
import { loadActivitiesConfig } from './activities.config';
import { ActivitiesModule } from './activities.module';

// The logger (console and CloudWatch Logs) and the error reporter (Rollbar), both carrying the
// trace ids; set up once telemetry runs, before Nest creates the app.
const reporting = setUpReporting(process.env, { ...observabilityOptions, codeRoot: __dirname });

async function bootstrap(): Promise<void> {
  const config = loadActivitiesConfig(process.env);
  const logger = new Logger('activities');
  const app = await NestFactory.create<NestExpressApplication>(
    ActivitiesModule.forRoot(config, {
      telemetry,
      ...reporting,
      flushTimeoutMs: shutdownBudget(config.shutdownTimeoutMs).flushMs,
    }),
    { bodyParser: false, logger: reporting.logger.logger },
  );
  // No `X-Powered-By: Express`: it tells a scanner which framework to try, and a client nothing.
  app.disable('x-powered-by');
  // First: the access line covers every request, refused ones included.
  app.use(reporting.logger.access.httpMiddleware());
  useJsonBodies(app);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());
  // Set before connecting: the TCP server inherits the app's global pipes and filters.
  const tcpServer = createTracedTcpServer({
    host: config.host,
    port: config.tcpPort,
    serviceName: 'activities',
    onHandled: (entry) => reporting.logger.access.tcp(entry),
  });
  app.connectMicroservice({ strategy: tcpServer.strategy }, { inheritAppConfig: true });
  await app.startAllMicroservices();
  const http = drainableHttpServer(app.getHttpServer());
  await app.listen(config.httpPort, config.host);
  exitOnSignals(app, { timeoutMs: config.shutdownTimeoutMs, logger, servers: [http, tcpServer] });
  logger.log(
    `activities listening on http://${config.host}:${config.httpPort} (HTTP) and tcp://${config.host}:${config.tcpPort} (TCP)`,
  );
}

startOrExit('activities', bootstrap);
