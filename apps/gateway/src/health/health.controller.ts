import { Controller, Get, HttpStatus, Inject, ServiceUnavailableException } from '@nestjs/common';
import { SkipThrottle } from '@nestjs/throttler';
import { type HealthResponse, ActivitiesHttp, NotificationsPattern } from '@app/contracts';
import { type HttpDependencyClient, type TcpDependencyClient, NoFaults, publicMessageOf } from '@app/platform';
import { ACTIVITIES_CLIENT, NOTIFICATIONS_CLIENT } from '../gateway.constants';

export interface DependencyCheck {
  ok: boolean;
  transport: 'http' | 'tcp';
  latency_ms: number;
  error?: string;
}

export interface ReadinessBody {
  ready: boolean;
  failing: string[];
  dependencies: Record<string, DependencyCheck>;
}

async function check(transport: 'http' | 'tcp', probe: () => Promise<unknown>): Promise<DependencyCheck> {
  const started = performance.now();
  const latency = () => Math.round(performance.now() - started);
  try {
    await probe();
    return { ok: true, transport, latency_ms: latency() };
  } catch (error) {
    // What an answer may show: the error's own message names addresses inside the deployment.
    return { ok: false, transport, latency_ms: latency(), error: publicMessageOf(error) };
  }
}

@Controller('api/health-check')
@NoFaults()
export class HealthController {
  constructor(
    @Inject(ACTIVITIES_CLIENT) private readonly activities: HttpDependencyClient,
    @Inject(NOTIFICATIONS_CLIENT) private readonly notifications: TcpDependencyClient,
  ) {}

  /** Liveness of the gateway alone, as the original app answered it. */
  @Get()
  @SkipThrottle()
  health(): { success: true; ver: 1 } {
    return { success: true, ver: 1 };
  }

  /** Readiness: both dependencies answer, each over its own transport. 503 names the failing ones. */
  @Get('ready')
  async ready(): Promise<ReadinessBody> {
    const [activities, notifications] = await Promise.all([
      check('http', () => this.activities.get<HealthResponse>(ActivitiesHttp.health)),
      check('tcp', () => this.notifications.send<HealthResponse>(NotificationsPattern.Health, {})),
    ]);
    const dependencies = { activities, notifications };
    const failing = Object.entries(dependencies)
      .filter(([, result]) => !result.ok)
      .map(([name]) => name);
    if (failing.length > 0) {
      throw new ServiceUnavailableException({
        statusCode: HttpStatus.SERVICE_UNAVAILABLE,
        error: 'Service Unavailable',
        message: `not ready: ${failing.join(' and ')} failing`,
        ready: false,
        failing,
        dependencies,
      });
    }
    return { ready: true, failing, dependencies };
  }
}
