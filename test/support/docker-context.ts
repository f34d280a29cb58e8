import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import dockerignore from '@balena/dockerignore';

const ROOT = path.resolve(__dirname, '..', '..');

/** The patterns of the project's .dockerignore, comments and blank lines left out. */
export function dockerignorePatterns(): string[] {
  return readFileSync(path.join(ROOT, '.dockerignore'), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

/** Whether Docker leaves `relativePath` (forward slashes) out of the build context. */
export function excludedFromContext(relativePath: string): boolean {
  return dockerignore({ ignorecase: false }).add(dockerignorePatterns()).ignores(relativePath);
}

/**
 * The files of the build context, as Docker sends it: every file of the repository that
 * .dockerignore lets through (relative paths, forward slashes). An excluded folder is not
 * walked, which holds as long as no `!` pattern brings something back from inside one.
 */
export function contextFiles(): string[] {
  const patterns = dockerignorePatterns();
  if (patterns.some((pattern) => pattern.startsWith('!'))) {
    throw new Error('.dockerignore has an exception (!): contextFiles() would have to walk excluded folders');
  }
  const matcher = dockerignore({ ignorecase: false }).add(patterns);
  const files: string[] = [];
  const walk = (relative: string) => {
    for (const entry of readdirSync(path.join(ROOT, relative), { withFileTypes: true })) {
      const child = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (matcher.ignores(child)) continue;
      if (entry.isDirectory()) walk(child);
      else files.push(child);
    }
  };
  walk('');
  return files.sort();
}

/** What the build stage's `RUN npm run build` writes, which the context leaves out. */
const BUILD_OUTPUT = 'dist/';

/**
 * Whether the build stage holds `repositoryPath` after its `COPY . .` and `npm run build`: the
 * file exists here (after `npm run build`) and is either build output or in the context.
 */
export function inBuildStage(repositoryPath: string): boolean {
  if (!existsSync(path.join(ROOT, repositoryPath))) return false;
  return repositoryPath.startsWith(BUILD_OUTPUT) || !excludedFromContext(repositoryPath);
}
