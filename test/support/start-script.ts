import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { eventually } from './http';
import { registerGateway } from './contract';
import { freePort } from './ports';

const START = path.resolve(__dirname, '..', '..', 'scripts', 'start.mjs');

/** The ports of a whole suite, as the start script's environment names them. */
export interface StartScriptPorts {
  GATEWAY_PORT: number;
  ACTIVITIES_HTTP_PORT: number;
  ACTIVITIES_TCP_PORT: number;
  NOTIFICATIONS_TCP_PORT: number;
  COLLECTOR_HTTP_PORT: number;
  COLLECTOR_XRAY_DAEMON_PORT: number;
}

/**
 * Free ports for every app, and telemetry pointed at the collector on its free ports:
 * nothing goes to the default ports (a suite started with `npm start` may be using them).
 */
export async function startScriptEnv(): Promise<{ ports: StartScriptPorts; env: Record<string, string> }> {
  const ports: StartScriptPorts = {
    GATEWAY_PORT: await freePort(),
    ACTIVITIES_HTTP_PORT: await freePort(),
    ACTIVITIES_TCP_PORT: await freePort(),
    NOTIFICATIONS_TCP_PORT: await freePort(),
    COLLECTOR_HTTP_PORT: await freePort(),
    COLLECTOR_XRAY_DAEMON_PORT: await freePort(),
  };
  registerGateway(`http://127.0.0.1:${ports.GATEWAY_PORT}`);
  const env = {
    ...Object.fromEntries(Object.entries(ports).map(([key, value]) => [key, String(value)])),
    OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${ports.COLLECTOR_HTTP_PORT}`,
    AWS_XRAY_DAEMON_ADDRESS: `127.0.0.1:${ports.COLLECTOR_XRAY_DAEMON_PORT}`,
    AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: `http://127.0.0.1:${ports.COLLECTOR_HTTP_PORT}`,
    COLLECTOR_URL: `http://127.0.0.1:${ports.COLLECTOR_HTTP_PORT}`,
  };
  return { ports, env };
}

/** A run of `node scripts/start.mjs [apps]`, its stdout and stderr gathered in one string. */
export interface StartScriptRun {
  child: ChildProcess;
  output: () => string;
  exit: Promise<number | null>;
  /** Waits until the output matches `pattern`, and returns the match. */
  waitFor: (pattern: RegExp, timeoutMs?: number) => Promise<RegExpMatchArray>;
}

export function runStartScript(args: string[], env: Record<string, string>): StartScriptRun {
  const child = spawn(process.execPath, [START, ...args], {
    env: { ...process.env, ...env, NO_COLOR: '1', FORCE_COLOR: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const waitFor = (pattern: RegExp, timeoutMs = 60_000) =>
    eventually(async () => output.match(pattern) ?? undefined, timeoutMs).catch(() => {
      throw new Error(`start script output never matched ${pattern}:\n${output.slice(-3000)}`);
    });
  return { child, output: () => output, exit, waitFor };
}

/** The banner the start script prints once every app is ready (from its title rule to the closing one). */
export const BANNER = /── ready: [^\n]*\n(?:(?!──)[^\n]*\n)*─{20,}/g;
