// npm run reliability: runs the reliability scenarios (test/reliability, the same tests npm test
// runs) and writes what they measured into RELIABILITY.md's "Last results" table.
// `npm run reliability -- --table` only rewrites the table from the figures of the last run.
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildIfNeeded } from './build-if-needed.mjs';
import { ROOT } from './services.mjs';

const FIGURES_DIR = path.join(ROOT, 'test-output', 'reliability');
const DOCUMENT = path.join(ROOT, 'RELIABILITY.md');
const START = '<!-- last-results:start -->';
const END = '<!-- last-results:end -->';

function runScenarios() {
  buildIfNeeded();
  const jest = path.join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js');
  const args = [
    '--experimental-vm-modules',
    jest,
    '--selectProjects',
    'e2e',
    '--testPathPatterns',
    'test/reliability/',
  ];
  const result = spawnSync(process.execPath, [...args, '--runInBand', '--forceExit'], { cwd: ROOT, stdio: 'inherit' });
  return result.status ?? 1;
}

/** `requests: 3000; 5xx: 0`: each figure as its label and value. */
function formatFigures(figures) {
  return Object.entries(figures)
    .map(([label, value]) => `${label}: ${String(value)}`)
    .join('; ');
}

function readRecords() {
  let files;
  try {
    files = readdirSync(FIGURES_DIR).filter((file) => file.endsWith('.json'));
  } catch {
    return [];
  }
  return files
    .map((file) => JSON.parse(readFileSync(path.join(FIGURES_DIR, file), 'utf8')))
    .sort((a, b) => a.scenario.localeCompare(b.scenario));
}

/** `undefined` when the scenarios were not run here (--table): their outcome is then unknown. */
function outcome(passed) {
  if (passed === undefined) return 'figures of the last run of the scenarios';
  return passed ? 'every scenario passed' : 'SOME SCENARIOS FAILED';
}

function renderTable(records, passed) {
  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
  const node = records[0]?.node ?? process.version;
  const lines = [
    START,
    `Recorded ${new Date().toISOString().slice(0, 10)} by \`npm run reliability\` on ${os.cpus().length} cores (${cpu}), ` +
      `Node ${node.slice(1)}, ${os.platform()} ${os.release()}: ${outcome(passed)}.`,
    '',
    '| scenario | figures | recorded |',
    '|---|---|---|',
    ...records.map(
      (record) => `| ${record.scenario} | ${formatFigures(record.figures)} | ${record.at.slice(0, 16)}Z |`,
    ),
    END,
  ];
  return lines.join('\n');
}

const tableOnly = process.argv.includes('--table');
const status = tableOnly ? 0 : runScenarios();
const records = readRecords();
if (records.length === 0) {
  console.error(`no figures in ${path.relative(ROOT, FIGURES_DIR)}: run the scenarios first (npm run reliability)`);
  process.exit(1);
}
const document = readFileSync(DOCUMENT, 'utf8');
const start = document.indexOf(START);
const end = document.indexOf(END);
if (start < 0 || end < start) {
  console.error(`RELIABILITY.md has no ${START} … ${END} block to fill`);
  process.exit(1);
}
writeFileSync(
  DOCUMENT,
  document.slice(0, start) +
    renderTable(records, tableOnly ? undefined : status === 0) +
    document.slice(end + END.length),
);
console.log(`RELIABILITY.md: ${records.length} scenario(s) written${status === 0 ? '' : ' (some failed: see above)'}`);
process.exit(status);
