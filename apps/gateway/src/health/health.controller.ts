import { Controller, Get, HttpStatus, Inject, ServiceUnavailableException } from '@nestjs/common';
import { SkipThrottle } from '@nestjs/throttler';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { type HealthResponse, ActivitiesHttp, NotificationsPattern } from '@app/contracts';
import { type HttpDependencyClient, type TcpDependencyClient, NoFaults, publicMessageOf } from '@app/platform';
import { ACTIVITIES_CLIENT, NOTIFICATIONS_CLIENT } from '../gateway.constants';
import { ApiErrorResponses } from '../openapi/api-error-responses.decorator';
import { LivenessSchema, NotReadySchema, ReadinessSchema } from './health.schemas';

export interface DependencyCheck {
  ok: boolean;
  transport: 'http' | 'tcp';
  latency_ms: number;
  error?: string;
}

export interface Dependencies {
  activities: DependencyCheck;
  notifications: DependencyCheck;
}

export interface ReadinessBody {
  ready: boolean;
  failing: string[];
  dependencies: Dependencies;
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

@ApiTags('health')
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
  @ApiOperation({
    operationId: 'checkHealth',
    summary: 'Liveness: the gateway answers',
    description: 'The gateway alone, as the original app answered it; never rate-limited.',
  })
  @ApiOkResponse({ description: 'The gateway is up.', type: LivenessSchema })
  health(): LivenessSchema {
    return { success: true, ver: 1 };
  }

  /** Readiness: both dependencies answer, each over its own transport. 503 names the failing ones. */
  @Get('ready')
  @ApiOperation({
    operationId: 'checkReadiness',
    summary: 'Readiness: both dependencies answer',
    description:
      'Probes activities over HTTP and notifications over TCP, in parallel, each within `DEPENDENCY_TIMEOUT_MS`.',
  })
  @ApiOkResponse({ description: 'Both dependencies answered.', type: ReadinessSchema })
  @ApiServiceUnavailableResponse({ description: 'A dependency did not; `failing` names it.', type: NotReadySchema })
  @ApiErrorResponses(429)
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
      } satisfies NotReadySchema);
    }
    return { ready: true, failing, dependencies };
  }
}
