import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { registerGateway } from './contract';
import { isListening } from './ports';

const ROOT = path.resolve(__dirname, '..', '..');

export type ServiceName = 'gateway' | 'activities' | 'notifications' | 'collector';

/** The built entry point of an app, as `npm start` runs it. */
export function entryOf(service: ServiceName): string {
  return path.join(ROOT, 'dist', 'apps', service, 'apps', service, 'src', 'main.js');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One app of the suite running as a separate process. */
export class ServiceProcess {
  private child?: ChildProcess;
  private output = '';
  private exit?: Promise<number | null>;

  constructor(
    readonly name: ServiceName,
    private readonly env: Record<string, string>,
    /** Ports that must accept connections before the app counts as started. */
    private readonly ports: number[],
  ) {
    // Its HTTP port is the first: every answer from it is checked against the OpenAPI document.
    if (name === 'gateway') registerGateway(`http://127.0.0.1:${ports[0]}`);
  }

  get logs(): string {
    return this.output;
  }

  /** The process id while running. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  async start(timeoutMs = 30_000): Promise<void> {
    if (this.running) throw new Error(`${this.name} is already running`);
    const child = spawn(process.execPath, [entryOf(this.name)], {
      env: { ...process.env, ...this.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.exit = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (!this.running) throw new Error(`${this.name} exited while starting:\n${this.output}`);
      const states = await Promise.all(this.ports.map(isListening));
      if (states.every(Boolean)) return;
      if (Date.now() > deadline) throw new Error(`${this.name} did not listen within ${timeoutMs} ms:\n${this.output}`);
      await sleep(100);
    }
  }

  /** SIGKILL (a crash, an OOM kill), then the exit's signal; the app can be started again on the same ports. */
  async kill(): Promise<void> {
    if (!this.child || !this.exit) return;
    if (this.running) this.child.kill('SIGKILL');
    await this.exit;
    this.child = undefined;
  }

  /** SIGTERM, then the exit code (SIGKILL if it does not exit in time). */
  async stop(timeoutMs = 10_000): Promise<number | null> {
    if (!this.child || !this.exit) return null;
    if (this.running) this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child?.kill('SIGKILL'), timeoutMs);
    try {
      return await this.exit;
    } finally {
      clearTimeout(timer);
      this.child = undefined;
    }
  }
}
