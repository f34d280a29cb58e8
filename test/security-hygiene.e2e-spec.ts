import { ClientTCP } from '@nestjs/microservices';
import { lastValueFrom } from 'rxjs';
import { NotificationsPattern } from '@app/contracts';
import { freePort } from './support/ports';
import { RecordingServer } from './support/recording-server';
import { ServiceProcess } from './support/service-process';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Sends one TCP message as any client could, and returns the answer or the error. */
async function sendOverTcp(
  port: number,
  pattern: string,
  payload: unknown,
): Promise<{ answer?: unknown; error?: unknown }> {
  const client = new ClientTCP({ host: '127.0.0.1', port });
  try {
    await client.connect();
    return await lastValueFrom(client.send(pattern, payload)).then(
      (answer: unknown) => ({ answer }),
      (error: unknown) => ({ error }),
    );
  } finally {
    client.close();
  }
}

describe("the W3C test service's forwarder in notifications", () => {
  let harness: RecordingServer;
  const before = process.env.TRACE_CONTEXT_TEST;

  beforeAll(async () => {
    delete process.env.TRACE_CONTEXT_TEST; // the apps inherit this process's environment
    harness = await RecordingServer.start();
  });

  afterAll(async () => {
    if (before !== undefined) process.env.TRACE_CONTEXT_TEST = before;
    await harness?.stop();
  });

  /** Notifications alone, its dependencies and telemetry pointed where nothing listens. */
  async function startNotifications(
    env: Record<string, string>,
  ): Promise<{ notifications: ServiceProcess; port: number }> {
    const port = await freePort();
    const nowhere = `127.0.0.1:${await freePort()}`;
    const notifications = new ServiceProcess(
      'notifications',
      {
        NOTIFICATIONS_TCP_PORT: String(port),
        ACTIVITIES_URL: `http://${nowhere}`,
        ACTIVITIES_TCP_ADDRESS: nowhere,
        OTEL_EXPORTER_OTLP_ENDPOINT: `http://${nowhere}`,
        AWS_XRAY_DAEMON_ADDRESS: nowhere,
        AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: `http://${nowhere}`,
        COLLECTOR_URL: `http://${nowhere}`,
        ...env,
      },
      [port],
    );
    await notifications.start();
    return { notifications, port };
  }

  it('does not exist without TRACE_CONTEXT_TEST: a raw TCP client gets an error answer, and no request leaves', async () => {
    const { notifications, port } = await startNotifications({});
    try {
      harness.clear();
      const { answer, error } = await sendOverTcp(port, NotificationsPattern.TraceContextForward, {
        url: `${harness.url}/forged`,
        arguments: [],
      });
      expect(answer).toBeUndefined();
      expect(String(error)).toMatch(/no matching message handler/i);
      // The service still answers what it does have: the error is about the pattern, not the connection.
      expect((await sendOverTcp(port, NotificationsPattern.Health, {})).answer).toEqual({
        status: 'ok',
        service: 'notifications',
      });
      await sleep(500);
      expect(harness.requests).toEqual([]);
    } finally {
      await notifications.stop();
    }
  });

  it('with TRACE_CONTEXT_TEST=1, the same message is forwarded (the test above would see it)', async () => {
    const { notifications, port } = await startNotifications({ TRACE_CONTEXT_TEST: '1' });
    try {
      harness.clear();
      const { answer } = await sendOverTcp(port, NotificationsPattern.TraceContextForward, {
        url: `${harness.url}/forged`,
        arguments: [],
      });
      expect(answer).toEqual({ status: 200 });
      expect(harness.requests.map((request) => `${request.method} ${request.url}`)).toEqual(['POST /forged']);
    } finally {
      await notifications.stop();
    }
  });
});

// What the HTTP answers tell about the inside (X-Powered-By, 5xx bodies) and where the apps listen:
// scenario (h), test/reliability/h-exposure.e2e-spec.ts.
