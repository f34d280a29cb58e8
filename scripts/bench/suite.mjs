// The benchmark's processes: one collector, then one suite (activities, notifications, gateway)
// per configuration, all on free 127.0.0.1 ports and all up at once, each under the same
// supervisor as `npm start` (start-up failures in one line, SIGTERM then SIGKILL at the end).
// The apps' output is kept, not shown: a few last lines per app, for a failure's message.
import os from 'node:os';
import { freePort } from '../free-port.mjs';
import { entryOf } from '../services.mjs';
import { Supervisor } from '../supervisor/supervisor.mjs';

export const SERVICES = ['activities', 'notifications', 'gateway'];
const KEPT_LINES = 5;

/** An output for the supervisor that shows only its errors, and keeps each app's last lines. */
function quietOutput(label) {
  const last = new Map();
  return {
    last,
    app(name, line) {
      const lines = last.get(name) ?? [];
      lines.push(line);
      if (lines.length > KEPT_LINES) lines.shift();
      last.set(name, lines);
    },
    info() {},
    error(text) {
      process.stderr.write(`[${label}] ${text}\n`);
    },
    block() {},
  };
}

function supervise(label, names, env, execArgv) {
  return new Supervisor({
    names,
    env,
    entryOf,
    execArgv,
    output: quietOutput(label),
    startTimeoutMs: 60_000,
    stopTimeoutMs: 10_000,
  });
}

/** The running processes; `stop()` ends them all (services first, the collector last). */
export class Processes {
  /** @type {{ label: string, supervisor: Supervisor }[]} */
  #groups = [];

  /**
   * The collector on free ports; `lowPriority`: nice 19, standing for a backend on another
   * machine, so that what is measured is the services' cost, not its ingest on the same cores.
   */
  async startCollector({ lowPriority, env = {}, execArgv }) {
    const [http, daemon] = [await freePort(), await freePort()];
    const collectorEnv = {
      ...process.env,
      ...env,
      COLLECTOR_HTTP_PORT: String(http),
      COLLECTOR_XRAY_DAEMON_PORT: String(daemon),
      NO_COLOR: '1',
    };
    const supervisor = supervise('collector', ['collector'], collectorEnv, execArgv);
    this.#groups.push({ label: 'collector', supervisor });
    await supervisor.start();
    const pid = supervisor.pidOf('collector');
    if (lowPriority) os.setPriority(pid, 19);
    return { url: `http://127.0.0.1:${http}`, daemonAddress: `127.0.0.1:${daemon}`, pid };
  }

  /** A suite with `env` (ports added here); resolves once its ports accept connections. */
  async startSuite(label, { env, execArgv }) {
    const suiteEnv = {
      ...process.env,
      ...env,
      GATEWAY_PORT: String(await freePort()),
      ACTIVITIES_HTTP_PORT: String(await freePort()),
      ACTIVITIES_TCP_PORT: String(await freePort()),
      NOTIFICATIONS_TCP_PORT: String(await freePort()),
    };
    const supervisor = supervise(label, SERVICES, suiteEnv, execArgv);
    this.#groups.push({ label, supervisor });
    await supervisor.start();
    const pids = Object.fromEntries(SERVICES.map((name) => [name, supervisor.pidOf(name)]));
    return { label, env: suiteEnv, url: `http://127.0.0.1:${suiteEnv.GATEWAY_PORT}`, pids };
  }

  /** Stops every suite, then the collector (the services flush their last spans to it). */
  async stop() {
    const collector = this.#groups.filter((group) => group.label === 'collector');
    const suites = this.#groups.filter((group) => group.label !== 'collector');
    await Promise.all(suites.map((group) => group.supervisor.stop()));
    await Promise.all(collector.map((group) => group.supervisor.stop()));
  }

  /** SIGKILL to everything still running (the benchmark itself is exiting). */
  kill() {
    for (const group of this.#groups) group.supervisor.kill();
  }
}
