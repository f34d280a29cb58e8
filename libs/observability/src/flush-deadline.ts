import { messageOf } from '@app/common';

/**
 * Runs the shutdown flushes in order (each may need the one before: the logs
 * say what happened to the spans), all within one time budget. A destination
 * that accepts connections and never answers would otherwise hold the process
 * until its shutdown timeout and make it exit 1; past the budget, what a step
 * still held is given up, with one line saying so. A flush never throws.
 */
export async function flushWithin(
  budgetMs: number,
  steps: ReadonlyArray<{ what: string; run: (timeoutMs: number) => Promise<void> }>,
  warn: (message: string) => void,
): Promise<void> {
  const deadline = Date.now() + budgetMs;
  for (const step of steps) {
    const left = Math.max(0, deadline - Date.now());
    let timer: NodeJS.Timeout | undefined;
    const outcome = await Promise.race([
      step.run(left).then(
        () => 'done',
        (error: unknown) => `failed: ${messageOf(error)}`,
      ),
      new Promise<string>((resolve) => (timer = setTimeout(() => resolve('timeout'), left))),
    ]);
    clearTimeout(timer);
    if (outcome === 'timeout') warn(`shutdown: ${step.what} not flushed within ${budgetMs} ms; given up`);
    else if (outcome !== 'done') warn(`shutdown: ${step.what} ${outcome}`);
  }
}
