import type { InjectedFaultKind } from '@app/observability';
import { type FaultSettings, type Spread, NO_FAULTS } from './fault-settings';

/** The kind of call a handler serves: only a TCP request has a reply to drop. */
export type HandlerCall = 'http' | 'tcp-request' | 'tcp-event';

/** One fault chosen for one call, with its value (milliseconds, or the rate that chose it). */
export interface DrawnFault {
  kind: InjectedFaultKind;
  value: number;
}

/**
 * A service's fault switches: the settings configured (environment at start,
 * then the admin endpoint), overlaid by the random schedule's current fault
 * when one runs. Each handler call draws what to inject from the result.
 */
export class FaultSwitches {
  private configuredSettings: FaultSettings;
  private scheduledSettings: Partial<FaultSettings> = {};
  private readonly injected: Record<InjectedFaultKind, number> = { latency: 0, error: 0, drop_reply: 0, cpu: 0 };

  constructor(
    readonly service: string,
    configured: FaultSettings = NO_FAULTS,
    /** Uniform in [0, 1); replaced in tests. */
    private readonly random: () => number = Math.random,
  ) {
    this.configuredSettings = configured;
  }

  get configured(): FaultSettings {
    return this.configuredSettings;
  }

  get scheduled(): Partial<FaultSettings> {
    return this.scheduledSettings;
  }

  /** What calls get now: the configured settings with the schedule's fault on top. */
  get effective(): FaultSettings {
    return { ...this.configuredSettings, ...this.scheduledSettings };
  }

  /** How many faults of each kind were injected since start. */
  get injectedCounts(): Readonly<Record<InjectedFaultKind, number>> {
    return { ...this.injected };
  }

  configure(settings: FaultSettings): void {
    this.configuredSettings = settings;
  }

  /** The random schedule's fault (an empty object: none). */
  schedule(settings: Partial<FaultSettings>): void {
    this.scheduledSettings = settings;
  }

  /** The faults for one call, in the order they apply: busy work, latency, then the reply or the answer. */
  draw(call: HandlerCall): DrawnFault[] {
    const settings = this.effective;
    const faults: DrawnFault[] = [];
    if (settings.cpuMs) faults.push({ kind: 'cpu', value: this.pick(settings.cpuMs) });
    if (settings.latencyMs) faults.push({ kind: 'latency', value: this.pick(settings.latencyMs) });
    if (call === 'tcp-request' && this.chance(settings.dropReplyRate)) {
      faults.push({ kind: 'drop_reply', value: settings.dropReplyRate });
    }
    if (this.chance(settings.errorRate)) faults.push({ kind: 'error', value: settings.errorRate });
    for (const fault of faults) this.injected[fault.kind] += 1;
    return faults;
  }

  private pick(spread: Spread): number {
    return spread.min + Math.floor(this.random() * (spread.max - spread.min + 1));
  }

  private chance(rate: number): boolean {
    return rate > 0 && this.random() < rate;
  }
}
