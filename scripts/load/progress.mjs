// The progress display while the load runs, on stdout. On a terminal a cli-progress bar redraws
// in place (a bar of the duration, or a counter when the run lasts until stopped); anywhere
// else (docker compose logs, a file, a test) cli-progress's no-TTY mode prints one plain line
// every few seconds instead, since redraws there would only pile up.
import cliProgress from 'cli-progress';

const PLAIN_EVERY_MS = 5000;
const STATS = '{requests} requests | {rate}/s | {failed} failed';

/** A progress display for a run of `durationS` seconds (0: until stopped), fed from `recorder`. */
export function createProgress({ durationS, recorder, stream = process.stdout }) {
  const format = stream.isTTY
    ? durationS > 0
      ? `load [{bar}] {value}/{total} s | ${STATS}`
      : `load {value} s | ${STATS}`
    : `load: {value} s, {requests} requests, {rate}/s, {failed} failed`;
  const bar = new cliProgress.SingleBar(
    {
      format,
      stream,
      noTTYOutput: true,
      notTTYSchedule: PLAIN_EVERY_MS,
      hideCursor: true,
      barsize: 30,
      // The summary takes the bar's place on a terminal; elsewhere this only spares a blank line.
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
  const startedAt = Date.now();
  const payload = () => {
    const seconds = Math.max(1, (Date.now() - startedAt) / 1000);
    return { requests: recorder.total, rate: (recorder.total / seconds).toFixed(1), failed: recorder.failedTotal };
  };
  const elapsed = () => Math.floor((Date.now() - startedAt) / 1000);
  return {
    start: () => bar.start(durationS, 0, payload()),
    /** Called on autocannon's 'tick', once a second. */
    tick: () => bar.update(elapsed(), payload()),
    stop: () => bar.stop(),
  };
}
