import { freePort } from './ports';
import { ServiceProcess } from './service-process';

/** The collector as a separate process on free loopback ports. */
export class CollectorProcess {
  readonly process: ServiceProcess;

  private constructor(
    readonly httpPort: number,
    /** UDP (segments) and TCP (sampling proxy) share this port number, as with the X-Ray daemon. */
    readonly daemonPort: number,
    env: Record<string, string>,
  ) {
    this.process = new ServiceProcess(
      'collector',
      { COLLECTOR_HTTP_PORT: String(httpPort), COLLECTOR_XRAY_DAEMON_PORT: String(daemonPort), ...env },
      [httpPort, daemonPort],
    );
  }

  /** Starts a collector; `env` can set limits (COLLECTOR_MAX_TRACES, ...). */
  static async start(env: Record<string, string> = {}): Promise<CollectorProcess> {
    const collector = new CollectorProcess(await freePort(), await freePort(), env);
    await collector.process.start();
    return collector;
  }

  /** Base URL of the HTTP port: OTLP, X-Ray API, CloudWatch Logs, Rollbar and the read API. */
  get url(): string {
    return `http://127.0.0.1:${this.httpPort}`;
  }

  /** `host:port` of the X-Ray daemon, as AWS_XRAY_DAEMON_ADDRESS wants it. */
  get daemonAddress(): string {
    return `127.0.0.1:${this.daemonPort}`;
  }

  stop(): Promise<number | null> {
    return this.process.stop();
  }
}
