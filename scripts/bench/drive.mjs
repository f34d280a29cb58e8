// One autocannon run against a suite's gateway, with the CPU time each service spent meanwhile.
import autocannon from 'autocannon';
import { cpuTicks, ticksToMs } from './cpu.mjs';

/**
 * Drives `endpoint` (of endpoints.mjs) at `baseUrl` for `seconds` with `connections`; with
 * `rate`, at that many requests a second in all (autocannon's overallRate) instead of flat out.
 * `pids`: `{ service: pid }` whose CPU time (utime + stime) is read before and after.
 */
export async function drive({ baseUrl, endpoint, seconds, connections, rate, pids = {} }) {
  const before = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuTicks(pid)]));
  const result = await autocannon({
    url: `${baseUrl}${endpoint.path}`,
    method: endpoint.method,
    headers: endpoint.headers,
    body: endpoint.body,
    connections,
    duration: seconds,
    ...(rate === undefined ? {} : { overallRate: rate }),
  });
  const completed = result.requests.total;
  const cpuMsPerRequest = Object.fromEntries(
    Object.entries(pids).map(([name, pid]) => [
      name,
      completed > 0 ? ticksToMs(cpuTicks(pid) - before[name]) / completed : undefined,
    ]),
  );
  return {
    rps: result.requests.average,
    completed,
    // autocannon's latencies are whole milliseconds.
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
    cpuMsPerRequest,
  };
}
