// Heap snapshots of running processes, for the memory run: each process is started with
// `--heapsnapshot-signal=SIGUSR2 --diagnostic-dir=<dir>`, and SIGUSR2 makes Node write one
// (Heap.<date>.<time>.<pid>.<thread>.<seq>.heapsnapshot) without stopping the process.
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { summarizeHeapFile } from './heap-summary.mjs';

const WRITE_TIMEOUT_MS = 120_000;
const POLL_MS = 250;

/** A directory for the snapshots, and the node flags that make a process write one there on SIGUSR2. */
export function heapSnapshotDir() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cruddur-bench-heap-'));
  return { dir, execArgv: ['--heapsnapshot-signal=SIGUSR2', `--diagnostic-dir=${dir}`] };
}

/** Resolves with the file once process `pid` has written a snapshot in `dir` and it stopped growing. */
async function writtenSnapshot(dir, pid) {
  const deadline = Date.now() + WRITE_TIMEOUT_MS;
  let lastSize = -1;
  let steady = 0;
  while (Date.now() < deadline) {
    const name = readdirSync(dir).find((file) => file.endsWith('.heapsnapshot') && file.split('.')[3] === String(pid));
    if (name) {
      const file = path.join(dir, name);
      const { size } = statSync(file);
      // Node writes the JSON in one go, the process paused: a size that holds for two polls is the whole file.
      steady = size > 0 && size === lastSize ? steady + 1 : 0;
      if (steady >= 2) return file;
      lastSize = size;
    }
    await sleep(POLL_MS);
  }
  throw new Error(`process ${pid} wrote no heap snapshot in ${dir} within ${WRITE_TIMEOUT_MS / 1000} s`);
}

/**
 * One snapshot of each process in turn (`{ name: pid }`), summarized (heap-summary.mjs) and then
 * deleted: they are as large as the heaps. Resolves with `{ name: summary | { error } }`.
 */
export async function snapshotHeaps(dir, pids) {
  const summaries = {};
  for (const [name, pid] of Object.entries(pids)) {
    try {
      process.kill(pid, 'SIGUSR2');
      const file = await writtenSnapshot(dir, pid);
      summaries[name] = await summarizeHeapFile(file);
      rmSync(file, { force: true });
    } catch (error) {
      summaries[name] = { error: error instanceof Error ? error.message : String(error) };
    }
  }
  return summaries;
}
