import { freePort } from './ports';
import { ServiceProcess, type ServiceName } from './service-process';

/** The apps that serve the API (the collector is started on its own, see collector.ts). */
export type AppName = Exclude<ServiceName, 'collector'>;

export interface SuitePorts {
  gateway: number;
  activitiesHttp: number;
  activitiesTcp: number;
  notificationsTcp: number;
}

/**
 * The three apps on free loopback ports (never the defaults, so the tests can
 * run beside a suite started with `npm start`).
 */
export class Suite {
  readonly services: Record<AppName, ServiceProcess>;

  private constructor(
    readonly ports: SuitePorts,
    extraEnv: Record<string, string>,
  ) {
    const env = {
      GATEWAY_PORT: String(ports.gateway),
      ACTIVITIES_HTTP_PORT: String(ports.activitiesHttp),
      ACTIVITIES_TCP_PORT: String(ports.activitiesTcp),
      NOTIFICATIONS_TCP_PORT: String(ports.notificationsTcp),
      ...extraEnv,
    };
    this.services = {
      activities: new ServiceProcess('activities', env, [ports.activitiesHttp, ports.activitiesTcp]),
      notifications: new ServiceProcess('notifications', env, [ports.notificationsTcp]),
      gateway: new ServiceProcess('gateway', env, [ports.gateway]),
    };
  }

  /**
   * Starts the three apps. Their telemetry goes to `telemetry` (a collector's
   * OTLP base URL and daemon address) or, by default, to ports where nothing
   * listens: the apps must work the same when their telemetry cannot be delivered.
   */
  static async start(
    extraEnv: Record<string, string> = {},
    telemetry?: { otlpUrl: string; daemonAddress: string },
  ): Promise<Suite> {
    const ports: SuitePorts = {
      gateway: await freePort(),
      activitiesHttp: await freePort(),
      activitiesTcp: await freePort(),
      notificationsTcp: await freePort(),
    };
    const nowhere = await freePort();
    const collectorUrl = telemetry?.otlpUrl ?? `http://127.0.0.1:${nowhere}`;
    // Never the defaults: tests must not write into a collector started with `npm start`.
    const telemetryEnv = {
      OTEL_EXPORTER_OTLP_ENDPOINT: collectorUrl,
      AWS_XRAY_DAEMON_ADDRESS: telemetry?.daemonAddress ?? `127.0.0.1:${nowhere}`,
      AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: collectorUrl,
      COLLECTOR_URL: collectorUrl,
    };
    const suite = new Suite(ports, { ...telemetryEnv, ...extraEnv });
    await Promise.all(Object.values(suite.services).map((service) => service.start()));
    return suite;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.ports.gateway}`;
  }

  /** Exit codes of every app, after SIGTERM. */
  async stop(): Promise<Record<AppName, number | null>> {
    const names = Object.keys(this.services) as AppName[];
    const codes = await Promise.all(names.map((name) => this.services[name].stop()));
    return Object.fromEntries(names.map((name, i) => [name, codes[i]])) as Record<AppName, number | null>;
  }
}
