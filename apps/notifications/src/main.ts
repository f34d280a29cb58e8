import { observabilityOptions, telemetry } from './telemetry';
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { MicroserviceOptions } from '@nestjs/microservices';
import { createTracedTcpServer, setUpReporting } from '@app/observability';
import { AllExceptionsFilter, createValidationPipe, exitOnSignals, shutdownBudget, startOrExit } from '@app/platform';
import { loadNotificationsConfig } from './notifications.config';
import { NotificationsModule } from './notifications.module';

// The logger (console and CloudWatch Logs) and the error reporter (Rollbar), both carrying the
// trace ids; set up once telemetry runs, before Nest creates the app.
const reporting = setUpReporting(process.env, { ...observabilityOptions, codeRoot: __dirname });

async function bootstrap(): Promise<void> {
  const config = loadNotificationsConfig(process.env);
  const logger = new Logger('notifications');
  const tcpServer = createTracedTcpServer({
    host: config.host,
    port: config.tcpPort,
    serviceName: 'notifications',
    onHandled: (entry) => reporting.logger.access.tcp(entry),
  });
  const app = await NestFactory.createMicroservice<MicroserviceOptions>(
    NotificationsModule.forRoot(config, {
      telemetry,
      ...reporting,
      flushTimeoutMs: shutdownBudget(config.shutdownTimeoutMs).flushMs,
    }),
    { strategy: tcpServer.strategy, logger: reporting.logger.logger },
  );
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());
  await app.listen();
  exitOnSignals(app, { timeoutMs: config.shutdownTimeoutMs, logger, servers: [tcpServer] });
  logger.log(`notifications listening on tcp://${config.host}:${config.tcpPort} (TCP)`);
}

startOrExit('notifications', bootstrap);
