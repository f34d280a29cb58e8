import { type DynamicModule, Module } from '@nestjs/common';
import { ObservabilityModule, type ObservabilityModuleOptions } from '@app/observability';
import { FaultsModule, HttpDependencyClient, TcpDependencyClient } from '@app/platform';
import { ActivitiesController } from './activities/activities.controller';
import type { GatewayConfig } from './gateway.config';
import { ACTIVITIES_CLIENT, COLLECTOR_CLIENT, NOTIFICATIONS_CLIENT, TRACE_LOOKUP_CONFIG } from './gateway.constants';
import { HealthController } from './health/health.controller';
import { RateLimitModule } from './rate-limit/rate-limit.module';
import { RollbarTestController } from './rollbar/rollbar-test.controller';
import { TraceContextTestController } from './trace-context/trace-context-test.controller';
import { TraceLookupController } from './trace-lookup/trace-lookup.controller';
import { TraceLookupService } from './trace-lookup/trace-lookup.service';

@Module({})
export class GatewayModule {
  static forRoot(config: GatewayConfig, observability: ObservabilityModuleOptions): DynamicModule {
    const timeoutMs = config.dependencyTimeoutMs;
    const lookup = config.traceLookup;
    return {
      module: GatewayModule,
      imports: [
        ObservabilityModule.forRoot(observability),
        // After observability: the faults are injected inside the handler's span.
        FaultsModule.forRoot(config.faults),
        // 0 turns limiting off: no guard, no RateLimit headers.
        ...(config.rateLimitPerMinute > 0 ? [RateLimitModule.forRoot(config.rateLimitPerMinute)] : []),
      ],
      controllers: [
        HealthController,
        ActivitiesController,
        RollbarTestController,
        ...(config.traceContextTest ? [TraceContextTestController] : []),
        TraceLookupController,
      ],
      providers: [
        {
          provide: ACTIVITIES_CLIENT,
          useFactory: () => new HttpDependencyClient({ name: 'activities', baseUrl: config.activitiesUrl, timeoutMs }),
        },
        {
          provide: NOTIFICATIONS_CLIENT,
          useFactory: () => new TcpDependencyClient({ name: 'notifications', ...config.notificationsTcp, timeoutMs }),
        },
        ...(lookup
          ? [
              { provide: TRACE_LOOKUP_CONFIG, useValue: lookup },
              {
                provide: COLLECTOR_CLIENT,
                useFactory: () =>
                  new HttpDependencyClient({ name: 'collector', baseUrl: lookup.collectorUrl, timeoutMs }),
              },
              TraceLookupService,
            ]
          : []),
      ],
    };
  }
}
