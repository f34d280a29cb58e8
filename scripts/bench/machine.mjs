// The machine a run was made on, for BENCHMARKS.md: figures mean little without it.
import { readFileSync } from 'node:fs';
import os from 'node:os';

function osName() {
  try {
    return /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1] ?? os.type();
  } catch {
    return os.type();
  }
}

/** One line: CPU model, cores, RAM, OS and kernel, Node version. */
export function describeMachine() {
  const cpus = os.cpus();
  const ram = (os.totalmem() / 2 ** 30).toFixed(1);
  return `${cpus[0]?.model?.trim() ?? 'unknown CPU'}, ${cpus.length} cores, ${ram} GiB RAM, ${osName()}, Linux ${os.release()}, Node ${process.version}`;
}
