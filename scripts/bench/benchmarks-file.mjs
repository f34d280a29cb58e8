// BENCHMARKS.md: each generated section lives between its own marker comments, so that a new
// run replaces only its section and the hand-written notes (and the other section) survive.
import { readFileSync, writeFileSync } from 'node:fs';

const begin = (name) => `<!-- ${name}:begin (written by npm run bench; edit outside the markers) -->`;
const end = (name) => `<!-- ${name}:end -->`;

const HEADER = `# Benchmarks

Figures written by \`npm run bench\` (scripts/bench.mjs). Notes outside the generated sections are kept
when it runs again.
`;

/**
 * `text` with section `name` holding `content` (lines): replaced between its markers when they
 * are there, else appended at the end. Pure.
 */
export function replaceSection(text, name, content) {
  const block = [begin(name), ...content, end(name)].join('\n');
  const start = text.indexOf(`<!-- ${name}:begin`);
  const stop = text.indexOf(end(name));
  if (start >= 0 && stop > start) return text.slice(0, start) + block + text.slice(stop + end(name).length);
  const base = text.trim() === '' ? HEADER : text.replace(/\n*$/, '\n');
  return `${base}\n${block}\n`;
}

/** Rewrites section `name` of the file at `file` (created when missing). */
export function writeSection(file, name, content) {
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (error.code !== 'ENOENT') throw error;
  }
  writeFileSync(file, replaceSection(text, name, content));
}
