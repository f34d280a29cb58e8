import { type DynamicModule, Module } from '@nestjs/common';
import { ObservabilityModule, type ObservabilityModuleOptions } from '@app/observability';
import { FaultsModule, TcpDependencyClient } from '@app/platform';
import type { ActivitiesConfig } from './activities.config';
import { ACTIVITIES_CONFIG, NOTIFICATIONS_CLIENT } from './activities.constants';
import { ActivitiesController } from './activities.controller';
import { ActivitiesService } from './activities.service';
import { ActivitiesStore } from './activities.store';
import { ActivitiesTcpController } from './activities.tcp.controller';
import { UsersDirectory } from './users.directory';

@Module({})
export class ActivitiesModule {
  static forRoot(config: ActivitiesConfig, observability: ObservabilityModuleOptions): DynamicModule {
    return {
      module: ActivitiesModule,
      // After observability: the faults are injected inside the handler's span.
      imports: [ObservabilityModule.forRoot(observability), FaultsModule.forRoot(config.faults)],
      controllers: [ActivitiesController, ActivitiesTcpController],
      providers: [
        { provide: ACTIVITIES_CONFIG, useValue: config },
        {
          provide: NOTIFICATIONS_CLIENT,
          useFactory: () =>
            new TcpDependencyClient({
              name: 'notifications',
              ...config.notifications,
              timeoutMs: config.dependencyTimeoutMs,
            }),
        },
        ActivitiesStore,
        UsersDirectory,
        ActivitiesService,
      ],
    };
  }
}
