// Supervises the suite's apps as `docker compose up` does its services:
// - start-up: every app must become ready (its ports accept connections) within a
//   time limit; one that exits or does not become ready stops everything, since a
//   half-started suite that looks healthy is worse than none;
// - once up: an app that exits is reported and the others keep running, so the
//   failure stays observable (503s naming the dependency) and the app can be started
//   again alone; the supervisor goes on while at least one of its apps runs;
// - stop: SIGTERM to each app, SIGKILL after a grace period.
import { setTimeout as sleep } from 'node:timers/promises';
import { AppProcess, describeEnd } from './app-process.mjs';
import { probeTargetsOf } from './endpoints.mjs';
import { accepts } from './probe.mjs';

/** Start-up went wrong; the message names the app and why, in one line. */
export class StartupFailure extends Error {
  name = 'StartupFailure';
}

const POLL_MS = 100;
const where = (target) => `${target.host}:${target.port} (${target.variable})`;

export class Supervisor {
  /** @type {Map<string, AppProcess>} */
  #apps = new Map();
  #stopping = false;
  #watchers = new Set();

  /**
   * @param {{ names: string[], env: Record<string, string>, entryOf: (name: string) => string, execArgv?: string[],
   *   output: ReturnType<import('./output.mjs').createOutput>, startTimeoutMs: number, stopTimeoutMs: number }} options
   */
  constructor(options) {
    this.options = options;
  }

  /**
   * Starts the apps and waits until each is ready. Resolves true when all are, false when a stop
   * was asked for meanwhile; rejects with a StartupFailure (the caller then stops the others).
   */
  async start() {
    const { names, startTimeoutMs } = this.options;
    const deadline = Date.now() + startTimeoutMs;
    // The collector first: the services send logs and spans to it from their first line, and
    // their exporters would otherwise start by retrying and warning. The services themselves start
    // together: each tolerates its peers being down (calls answer 503 until they are up).
    const waves =
      names.includes('collector') && names.length > 1
        ? [['collector'], names.filter((name) => name !== 'collector')]
        : [names];
    for (const wave of waves) {
      const started = [];
      for (const name of wave) started.push(await this.#spawn(name));
      if (!(await this.#untilReady(started, deadline))) return false;
    }
    return true;
  }

  /** Starts one app, after noting which of its ports something else already holds. */
  async #spawn(name) {
    const { env, entryOf, output, execArgv } = this.options;
    const targets = probeTargetsOf(name, env);
    // A port already taken would "accept" for the app: it cannot prove readiness. The app will
    // fail to bind it and say so; should it not, the time-out message says why it never was ready.
    const busy = new Set();
    for (const target of targets) if (await accepts(target)) busy.add(target);
    const app = new AppProcess(name, { entry: entryOf(name), env, output, execArgv }).start();
    Object.assign(app, { targets, busy, lastProbe: new Map() });
    this.#apps.set(name, app);
    output.info(`${name} started (pid ${app.pid})`);
    return app;
  }

  async #untilReady(apps, deadline) {
    const pending = new Set(apps);
    for (;;) {
      if (this.#stopping) return false;
      const ended = [...this.#apps.values()].find((app) => app.end);
      if (ended) {
        const reason = ended.failureReason ?? `${describeEnd(ended.end)} before it was ready`;
        throw new StartupFailure(`${ended.name} failed to start: ${reason}`);
      }
      for (const app of pending) if (await this.#isReady(app)) pending.delete(app);
      if (pending.size === 0) return true;
      if (Date.now() >= deadline) throw new StartupFailure(this.#timeoutMessage([...pending]));
      await Promise.race([sleep(POLL_MS), ...apps.map((app) => app.ended)]);
    }
  }

  async #isReady(app) {
    // No port to probe (0 lets the system pick one): its "listening on" line is all there is.
    if (app.targets.length === 0) return app.saidListening;
    for (const target of app.targets) {
      if (!app.busy.has(target)) app.lastProbe.set(target, await accepts(target));
    }
    return app.targets.every((target) => app.lastProbe.get(target) === true);
  }

  #timeoutMessage(apps) {
    const seconds = this.options.startTimeoutMs / 1000;
    return apps
      .map((app) => {
        const taken = app.targets.filter((t) => app.busy.has(t)).map(where);
        const closed = app.targets.filter((t) => !app.busy.has(t) && !app.lastProbe.get(t)).map(where);
        const why =
          taken.length > 0
            ? `${taken.join(', ')} already in use by another process when it started`
            : closed.length > 0
              ? `nothing accepts connections on ${closed.join(', ')}`
              : 'no "listening on" line';
        return `${app.name} did not become ready within ${seconds} s: ${why}`;
      })
      .join('; ');
  }

  /**
   * Once started: reports each app that exits without being asked to, in one line, and resolves
   * when none of this supervisor's apps runs any more.
   */
  watch() {
    const apps = [...this.#apps.values()];
    return new Promise((resolve) => {
      for (const app of apps) {
        app.ended.then((end) => {
          const left = apps.filter((other) => other.running);
          if (!this.#stopping && !app.stopRequested) {
            const others = left.length > 0 ? 'the others keep running' : 'no app of this run is left';
            const again = `Start it again: npm run start:${app.name}`;
            this.options.output.error(`${app.name} ${describeEnd(end)}; ${others}. ${again}`);
            if (left.length > 0) this.#watchForReturn(app);
          }
          if (left.length === 0) resolve();
        });
      }
    });
  }

  /**
   * Started again elsewhere (npm run start:<app> in another terminal), an app makes the suite whole
   * again without this supervisor restarting anything: the other apps' clients reconnect on their
   * next call. Say so once, since this supervisor will not stop that process.
   */
  #watchForReturn(app) {
    const timer = setInterval(async () => {
      const back = app.targets.length > 0 && (await Promise.all(app.targets.map((t) => accepts(t)))).every(Boolean);
      if (!back || !this.#watchers.has(timer)) return;
      this.#unwatch(timer);
      this.options.output.info(`${app.name} accepts connections again (started elsewhere: stop it there)`);
    }, 1000);
    this.#watchers.add(timer);
  }

  #unwatch(timer) {
    clearInterval(timer);
    this.#watchers.delete(timer);
  }

  /** Waits (at most `maxMs`) until every app has logged its "listening on" line, the last of its start-up. */
  async settled(maxMs) {
    const until = Date.now() + maxMs;
    while (Date.now() < until && [...this.#apps.values()].some((app) => app.running && !app.saidListening)) {
      await sleep(20);
    }
  }

  /** The process id of app `name` (undefined before it was started). */
  pidOf(name) {
    return this.#apps.get(name)?.pid;
  }

  /** Names of the apps still running. */
  get running() {
    return [...this.#apps.values()].filter((app) => app.running).map((app) => app.name);
  }

  /**
   * Stops every app still running: SIGTERM, then SIGKILL after the grace period. Resolves true
   * when each stopped cleanly (exit code 0, or ended by the SIGTERM itself).
   */
  async stop() {
    this.#stopping = true;
    for (const timer of this.#watchers) this.#unwatch(timer);
    const { output, stopTimeoutMs } = this.options;
    const running = [...this.#apps.values()].filter((app) => app.running);
    // The collector last, as compose stops dependencies after their dependents: the services
    // flush their last spans and log lines to it on the way out.
    const isCollector = (app) => app.name === 'collector';
    const waves = [running.filter((app) => !isCollector(app)), running.filter(isCollector)];
    const results = [];
    for (const wave of waves) {
      results.push(...(await Promise.all(wave.map(async (app) => [app, await app.stop(stopTimeoutMs)]))));
    }
    const unclean = results.filter(([, result]) => result.killed || (result.code !== 0 && result.signal !== 'SIGTERM'));
    for (const [app, result] of unclean) {
      if (result.killed) output.error(`${app.name} did not stop within ${stopTimeoutMs / 1000} s: killed`);
      else output.error(`${app.name} ${describeEnd(result)} while stopping`);
    }
    return unclean.length === 0;
  }

  /** SIGKILL to every app still running (a second Ctrl-C, or the supervisor itself exiting). */
  kill() {
    for (const app of this.#apps.values()) app.kill();
  }
}
