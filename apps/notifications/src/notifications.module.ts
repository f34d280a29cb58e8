import { type DynamicModule, Module } from '@nestjs/common';
import { ObservabilityModule, type ObservabilityModuleOptions } from '@app/observability';
import { FaultsModule, HttpDependencyClient, TcpDependencyClient } from '@app/platform';
import type { NotificationsConfig } from './notifications.config';
import { ACTIVITIES_HTTP_CLIENT, ACTIVITIES_TCP_CLIENT, NOTIFICATIONS_CONFIG } from './notifications.constants';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';
import { NotificationsStore } from './notifications.store';
import { TraceContextForwardController } from './trace-context/trace-context-forward.controller';

@Module({})
export class NotificationsModule {
  static forRoot(config: NotificationsConfig, observability: ObservabilityModuleOptions): DynamicModule {
    const timeoutMs = config.dependencyTimeoutMs;
    return {
      module: NotificationsModule,
      // After observability: the faults are injected inside the handler's span.
      imports: [ObservabilityModule.forRoot(observability), FaultsModule.forRoot(config.faults)],
      controllers: [NotificationsController, ...(config.traceContextTest ? [TraceContextForwardController] : [])],
      providers: [
        { provide: NOTIFICATIONS_CONFIG, useValue: config },
        {
          provide: ACTIVITIES_HTTP_CLIENT,
          useFactory: () => new HttpDependencyClient({ name: 'activities', baseUrl: config.activitiesUrl, timeoutMs }),
        },
        {
          provide: ACTIVITIES_TCP_CLIENT,
          useFactory: () => new TcpDependencyClient({ name: 'activities', ...config.activitiesTcp, timeoutMs }),
        },
        NotificationsStore,
        NotificationsService,
      ],
    };
  }
}
