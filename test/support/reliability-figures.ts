import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Where the scenario tests leave their figures (gitignored); `npm run reliability:table` reads them. */
export const FIGURES_DIR = path.resolve(__dirname, '..', '..', 'test-output', 'reliability');

/** One measured figure of a scenario: a count, a duration in ms, a ratio, or a short text. */
export type Figure = number | string | boolean;

/**
 * Records what a reliability scenario measured, for the "last result" column of RELIABILITY.md.
 * `scenario` is the scenario's letter and name as RELIABILITY.md lists it (`a-header-fuzzing`);
 * figures are short labelled values (`requests: 3000`, `5xx: 0`). A second call for the same
 * scenario replaces the first. Writing never fails a test: the figures are a report, not an assertion.
 */
export function reportFigures(scenario: string, figures: Record<string, Figure>): void {
  try {
    mkdirSync(FIGURES_DIR, { recursive: true });
    const record = { scenario, at: new Date().toISOString(), node: process.version, figures };
    writeFileSync(path.join(FIGURES_DIR, `${scenario}.json`), `${JSON.stringify(record, null, 2)}\n`);
  } catch (error) {
    console.warn(`could not record the figures of ${scenario}: ${String(error)}`);
  }
}
