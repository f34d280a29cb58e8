import { ThrottledWarning } from '@app/common';
import type { Logger } from '@nestjs/common';
import { REFUSED_INPUT_WARNING_INTERVAL_MS } from '../collector.constants';

/**
 * The warning each receiver writes when it refuses input: at most one line a
 * second per receiver, with the count held back, so a flood of bad input
 * cannot flood the log.
 */
export function refusedInputWarning(logger: Logger): ThrottledWarning {
  return new ThrottledWarning((line) => logger.warn(line), { intervalMs: REFUSED_INPUT_WARNING_INTERVAL_MS });
}
