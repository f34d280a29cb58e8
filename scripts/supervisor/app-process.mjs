// One app of the suite as a child process: its output read line by line into the
// supervisor's prefixed output, its end as a promise, and a stop that cannot hang.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { APP_NODE_FLAGS } from '../services.mjs';

/** How a process ended, in words: "exited with code 1", "killed by SIGKILL". */
export function describeEnd({ code, signal }) {
  return signal ? `killed by ${signal}` : `exited with code ${code}`;
}

export class AppProcess {
  /** @type {import('node:child_process').ChildProcess | undefined} */
  #child;
  #reason;
  #listening = false;
  #stopping;
  #killed = false;
  /** Resolves with `{ code, signal }` once the process has ended and its output is read. */
  ended;
  /** Set once the process has ended. */
  end;
  /** Whether the supervisor asked it to stop (an end after that is not a crash). */
  stopRequested = false;

  /**
   * @param {string} name the app
   * @param {{ entry: string, env: Record<string, string>, execArgv?: string[],
   *   output: ReturnType<import('./output.mjs').createOutput> }} options node flags before the entry in `execArgv`
   */
  constructor(name, { entry, env, output, execArgv = [] }) {
    this.name = name;
    this.entry = entry;
    this.execArgv = execArgv;
    this.env = env;
    this.output = output;
  }

  get pid() {
    return this.#child?.pid;
  }

  get running() {
    return this.#child !== undefined && this.end === undefined;
  }

  /** The app's own reason when it stopped at start (`<app> failed to start: <reason>` on stderr). */
  get failureReason() {
    return this.#reason;
  }

  /** Whether the app has logged its `<app> listening on …` line, the last of its start-up. */
  get saidListening() {
    return this.#listening;
  }

  start() {
    // Its own process group: a Ctrl-C on the terminal reaches the supervisor only, which then
    // sends one SIGTERM. The apps treat a second signal as "exit now, with code 1", and the
    // terminal's SIGINT plus the supervisor's SIGTERM would be two.
    const child = spawn(process.execPath, [...APP_NODE_FLAGS, ...this.execArgv, this.entry], {
      env: this.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    this.#child = child;
    this.#read(child.stdout, 'stdout');
    this.#read(child.stderr, 'stderr');
    this.ended = new Promise((resolve) => {
      // 'close' rather than 'exit': it comes after the output is read, failure line included.
      child.once('close', (code, signal) => {
        this.end = { code, signal };
        resolve(this.end);
      });
      // A spawn that fails (no such file) has no 'close' of its own on some Node versions.
      child.once('error', (error) => {
        this.#reason ??= error.message;
        if (child.pid === undefined) {
          this.end = { code: 1, signal: null };
          resolve(this.end);
        }
      });
    });
    return this;
  }

  #read(stream, which) {
    const failed = `${this.name} failed to start: `;
    const listening = `${this.name} listening on `;
    createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
      if (which === 'stderr' && line.startsWith(failed)) this.#reason = line.slice(failed.length);
      if (line.includes(listening)) this.#listening = true;
      this.output.app(this.name, line, which);
    });
  }

  /** Sends `signal` if the process still runs. */
  signal(signal) {
    if (!this.running) return;
    try {
      process.kill(this.#child.pid, signal);
    } catch {
      // Already gone between the check and the kill: its 'close' is on its way.
    }
  }

  /**
   * SIGTERM (the apps then finish in-flight work and exit 0), SIGKILL after `graceMs`.
   * Resolves with how it ended and whether it had to be killed. Calling it again waits
   * for the same stop: a second SIGTERM would make the app exit at once, with code 1.
   */
  stop(graceMs) {
    if (!this.running) return Promise.resolve({ ...this.end, killed: this.#killed });
    this.#stopping ??= this.#stop(graceMs);
    return this.#stopping;
  }

  /** SIGKILL now (a second Ctrl-C: the user does not want to wait for the grace period). */
  kill() {
    if (!this.running) return;
    this.stopRequested = true;
    this.#killed = true;
    this.signal('SIGKILL');
  }

  async #stop(graceMs) {
    this.stopRequested = true;
    this.signal('SIGTERM');
    const timer = setTimeout(() => this.kill(), graceMs);
    const end = await this.ended;
    clearTimeout(timer);
    return { ...end, killed: this.#killed };
  }
}
