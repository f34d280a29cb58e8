import {
  type DynamicModule,
  Inject,
  Logger,
  Module,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { describeFaults, isFaultFree } from './fault-settings';
import { FaultSwitches } from './fault-switches';
import { FaultInterceptor } from './fault.interceptor';
import { FaultsAdminServer } from './faults-admin.server';
import type { FaultsConfig } from './faults.config';
import { randomFaultPlan } from './random-fault.plan';
import { RandomFaultSchedule } from './random-fault.schedule';

const FAULTS_CONFIG = Symbol('FAULTS_CONFIG');

/**
 * The fault switches of one service (readFaultsConfig): the interceptor that
 * applies them to every handler call, the random schedule and the admin
 * endpoint when asked for. Import it after the ObservabilityModule, so that
 * its interceptor runs inside the handler's span.
 */
@Module({})
export class FaultsModule implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('faults');
  private schedule: RandomFaultSchedule | undefined;
  private admin: FaultsAdminServer | undefined;

  constructor(
    @Inject(FAULTS_CONFIG) private readonly config: FaultsConfig,
    @Inject(FaultSwitches) private readonly switches: FaultSwitches,
  ) {}

  static forRoot(config: FaultsConfig): DynamicModule {
    return {
      module: FaultsModule,
      providers: [
        { provide: FAULTS_CONFIG, useValue: config },
        { provide: FaultSwitches, useFactory: () => new FaultSwitches(config.service, config.settings) },
        { provide: APP_INTERCEPTOR, useClass: FaultInterceptor },
      ],
    };
  }

  async onModuleInit(): Promise<void> {
    const { service, settings, schedule, admin, tcpReplies } = this.config;
    const log = (line: string) => this.logger.warn(line);
    // Loud on purpose: a service with faults on must never pass for a healthy one.
    if (!isFaultFree(settings)) log(`faults on at start: ${describeFaults(settings)}`);
    if (schedule) {
      this.schedule = new RandomFaultSchedule(
        this.switches,
        schedule.seed,
        randomFaultPlan(schedule.seed, service, { tcpReplies }),
        log,
      );
    }
    if (admin) {
      this.admin = new FaultsAdminServer(this.switches, { port: admin.port, tcpReplies, schedule: this.schedule, log });
      const address = await this.admin.listen();
      log(`faults admin endpoint on http://${address.address}:${address.port}/faults (FAULTS_ADMIN=1)`);
    }
    this.schedule?.start();
  }

  async onApplicationShutdown(): Promise<void> {
    this.schedule?.stop();
    await this.admin?.close();
  }
}
