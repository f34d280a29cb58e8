import { type FaultSettings, describeFaults } from './fault-settings';
import type { FaultSwitches } from './fault-switches';
import type { PlannedFault } from './random-fault.plan';

/** The schedule's state, for the admin endpoint. */
export interface ScheduleStatus {
  mode: 'random';
  seed: number;
  /** The fault the schedule has on now (empty: none). */
  current: Partial<FaultSettings>;
  nextChangeAt: string | undefined;
}

/**
 * Runs a random fault plan on a service's switches: quiet, a fault on,
 * quiet, the next one... Each change is logged, with the seed that replays
 * it. Its timers never keep the process alive.
 */
export class RandomFaultSchedule {
  private timer: NodeJS.Timeout | undefined;
  private nextChangeAt: number | undefined;

  constructor(
    private readonly switches: FaultSwitches,
    private readonly seed: number,
    private readonly plan: Iterator<PlannedFault, never, undefined>,
    private readonly log: (line: string) => void,
  ) {}

  start(): void {
    this.log(`fault schedule: random, seed ${this.seed} (FAULTS_SEED=${this.seed} replays it)`);
    this.quiet(this.plan.next().value);
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.nextChangeAt = undefined;
  }

  get status(): ScheduleStatus {
    return {
      mode: 'random',
      seed: this.seed,
      current: this.switches.scheduled,
      nextChangeAt: this.nextChangeAt === undefined ? undefined : new Date(this.nextChangeAt).toISOString(),
    };
  }

  private quiet(step: PlannedFault): void {
    this.after(step.quietMs, () => {
      this.switches.schedule(step.settings);
      this.log(
        `fault schedule: ${describeFaults({ ...this.switches.configured, ...step.settings })} for ${Math.round(step.activeMs / 1000)} s (seed ${this.seed})`,
      );
      this.after(step.activeMs, () => {
        this.switches.schedule({});
        this.log(`fault schedule: back to ${describeFaults(this.switches.configured)} (seed ${this.seed})`);
        this.quiet(this.plan.next().value);
      });
    });
  }

  private after(ms: number, run: () => void): void {
    this.nextChangeAt = Date.now() + ms;
    this.timer = setTimeout(run, ms);
    this.timer.unref();
  }
}
