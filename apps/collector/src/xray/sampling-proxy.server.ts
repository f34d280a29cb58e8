import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { COLLECTOR_CONFIG } from '../collector.constants';
import type { CollectorConfig } from '../collector.config';
import { ProtocolError } from '../common/protocol.error';
import { StatsService } from '../common/stats.service';
import { SamplingOperations } from './sampling.operations';
import { writeXrayError, writeXrayJson, xrayErrorOf } from './xray-error.response';
import { XrayRequestReader } from './xray-request.reader';

/**
 * The X-Ray daemon's TCP side: the proxy through which SDKs fetch sampling
 * rules and targets (`POST /GetSamplingRules`, `POST /SamplingTargets`, the
 * X-Ray API's own paths). The real daemon forwards these to X-Ray; here they
 * are answered by the same code as the emulated API.
 */
@Injectable()
export class SamplingProxyServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private server?: Server;

  constructor(
    @Inject(COLLECTOR_CONFIG) private readonly config: CollectorConfig,
    private readonly operations: SamplingOperations,
    private readonly stats: StatsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const server = createServer((request, response) => void this.handle(request, response));
    // SDKs poll every few seconds over keep-alive connections; idle ones must not delay shutdown.
    server.keepAliveTimeout = 5000;
    server.listen(this.config.xrayDaemonPort, this.config.host);
    await once(server, 'listening'); // rejects on a listen error (port in use), as start-up must
    this.server = server;
  }

  onApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return Promise.resolve();
    server.closeIdleConnections();
    return new Promise((resolve) => server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    try {
      const path = new URL(request.url ?? '/', 'http://daemon').pathname;
      const operation =
        path === '/GetSamplingRules'
          ? this.operations.getSamplingRules.bind(this.operations)
          : path === '/SamplingTargets'
            ? this.operations.getSamplingTargets.bind(this.operations)
            : undefined;
      if (!operation) {
        request.resume();
        throw new ProtocolError(
          404,
          'UnknownOperationException',
          `The X-Ray daemon's proxy serves POST /GetSamplingRules and POST /SamplingTargets, not ${path}`,
        );
      }
      if (request.method !== 'POST') {
        request.resume();
        throw new ProtocolError(405, 'MethodNotAllowed', `${path} takes POST, not ${request.method}`);
      }
      const body = await XrayRequestReader.read(request, this.config.limits.bodyLimitBytes);
      writeXrayJson(response, operation(body));
    } catch (error) {
      const answer = xrayErrorOf(error);
      if (answer.status < 500) this.stats.count('xray_sampling', 'rejected');
      writeXrayError(response, answer);
    }
  }
}
