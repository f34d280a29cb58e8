// CPU time of a process from /proc/<pid>/stat: utime + stime, in clock ticks (Linux only).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

function clockTicksPerSecond() {
  try {
    const value = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    return Number.isFinite(value) && value > 0 ? value : 100;
  } catch {
    return 100; // Linux's USER_HZ nearly everywhere
  }
}

export const CLK_TCK = clockTicksPerSecond();

/** utime + stime of a `/proc/<pid>/stat` line (fields 14 and 15; the command name may hold spaces and parentheses). */
export function parseStatTicks(line) {
  const fields = line.slice(line.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state): utime is field 14, stime 15.
  return Number(fields[11]) + Number(fields[12]);
}

/** The process's CPU time so far in clock ticks; NaN once it is gone. */
export function cpuTicks(pid) {
  try {
    return parseStatTicks(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return Number.NaN;
  }
}

export const ticksToMs = (ticks) => (ticks * 1000) / CLK_TCK;
