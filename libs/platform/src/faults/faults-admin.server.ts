import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import getRawBody from 'raw-body';
import { ConfigError, messageOf } from '@app/common';
import { describeFaults } from './fault-settings';
import type { FaultSwitches } from './fault-switches';
import { applyFaultsJson, faultsDocument } from './faults-document';
import type { RandomFaultSchedule } from './random-fault.schedule';

/** Only loopback: the switches are for whoever runs the suite, never for its clients. */
export const FAULTS_ADMIN_HOST = '127.0.0.1';
const BODY_LIMIT_BYTES = 16 * 1024;

export interface FaultsAdminOptions {
  port: number;
  tcpReplies: boolean;
  schedule?: RandomFaultSchedule;
  log: (line: string) => void;
}

/**
 * `GET /faults` (the switches now, what was configured, the schedule, the
 * faults injected so far) and `PUT /faults` (a JSON object of the fields to
 * change) on a server of its own, bound to 127.0.0.1: not a route of the
 * service's API, so no public port ever reaches it.
 */
export class FaultsAdminServer {
  private readonly server: Server;

  constructor(
    private readonly switches: FaultSwitches,
    private readonly options: FaultsAdminOptions,
  ) {
    this.server = createServer((request, response) => {
      this.handle(request, response).catch((error: unknown) => answer(response, 500, { message: messageOf(error) }));
    });
  }

  /** Resolves once listening; rejects (EADDRINUSE...) so that the service does not start without it. */
  listen(): Promise<AddressInfo> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.port, FAULTS_ADMIN_HOST, () => {
        this.server.off('error', reject);
        resolve(this.server.address() as AddressInfo);
      });
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = (request.url ?? '/').split('?')[0];
    if (path !== '/faults') {
      request.resume();
      return answer(response, 404, { message: 'not found: the admin endpoint serves GET and PUT /faults' });
    }
    if (request.method === 'GET') {
      request.resume();
      return answer(response, 200, this.document());
    }
    if (request.method !== 'PUT') {
      request.resume();
      response.setHeader('Allow', 'GET, PUT');
      return answer(response, 405, { message: `${request.method} is not allowed on /faults: use GET or PUT` });
    }
    const type = String(request.headers['content-type'] ?? '');
    if (!/^application\/json\s*(;|$)/i.test(type)) {
      request.resume();
      return answer(response, 415, {
        message: `PUT /faults takes application/json, got "${type || 'no Content-Type'}"`,
      });
    }
    let text: string;
    try {
      text = await getRawBody(request, { limit: BODY_LIMIT_BYTES, encoding: 'utf8' });
    } catch (error) {
      request.resume();
      return (error as { type?: string }).type === 'entity.too.large'
        ? answer(response, 413, { message: `the body must be JSON of at most ${BODY_LIMIT_BYTES} bytes` })
        : answer(response, 400, { message: `the body could not be read: ${messageOf(error)}` });
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (error) {
      return answer(response, 400, { message: `the body is not valid JSON: ${messageOf(error)}` });
    }
    try {
      this.switches.configure(applyFaultsJson(this.switches.configured, body, this.options.tcpReplies));
    } catch (error) {
      if (error instanceof ConfigError) return answer(response, 400, { message: error.message });
      throw error;
    }
    this.options.log(`faults set through the admin endpoint: ${describeFaults(this.switches.configured)}`);
    return answer(response, 200, this.document());
  }

  private document() {
    return faultsDocument(this.switches, this.options.tcpReplies, this.options.schedule?.status);
  }
}

function answer(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  response.end(JSON.stringify(body));
}
