// The memory run: the `default` configuration (what npm start runs) and the collector at its
// default limits and normal priority, under `npm run load` (scripts/load.mjs) at a steady rate;
// each process's resident set (VmRSS) sampled every 10 s.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../services.mjs';

export const SAMPLE_EVERY_MS = 10_000;

/** VmRSS of a process in MiB; undefined once it is gone. */
export function rssMiB(pid) {
  try {
    const kb = /^VmRSS:\s+(\d+)\s+kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb === undefined ? undefined : Number(kb) / 1024;
  } catch {
    return undefined;
  }
}

/**
 * Runs the load generator against `target` for `minutes` at `rate` while sampling `pids`
 * (`{ process: pid }`). Resolves with `{ samples: { process: MiB[] }, loadExit, loadSummary }`.
 * `onChild` receives the generator's process, so that a signal can stop it.
 */
export function runUnderLoad({ target, explorer, minutes, rate, pids, onChild }) {
  const samples = Object.fromEntries(Object.keys(pids).map((name) => [name, []]));
  const sample = () => {
    for (const [name, pid] of Object.entries(pids)) {
      const value = rssMiB(pid);
      if (value !== undefined) samples[name].push(value);
    }
  };
  sample();
  const timer = setInterval(sample, SAMPLE_EVERY_MS);
  const args = ['--target', target, '--explorer', explorer, '--rate', String(rate), '--duration', `${minutes}m`];
  const child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'load.mjs'), ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, NO_COLOR: '1' },
  });
  onChild?.(child);
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  return new Promise((resolve) => {
    child.once('close', (code, signal) => {
      clearInterval(timer);
      sample();
      // The summary's first line (summary.mjs): `requests: N in S s, R/s (asked for A/s)`.
      resolve({ samples, loadExit: signal ?? code, loadSummary: /^requests: .*$/m.exec(output)?.[0] });
    });
  });
}
