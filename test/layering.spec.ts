import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const ROOT = path.resolve(__dirname, '..');

/** Every .ts file below a folder of the repository, relative to the root. */
function sourcesUnder(folder: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      const relative = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(relative);
      else if (entry.name.endsWith('.ts')) found.push(relative);
    }
  };
  walk(folder);
  return found;
}

/** The modules a file imports or re-exports, as TypeScript's own pre-processor reads them (dynamic imports and require too). */
function importsOf(file: string): string[] {
  const info = ts.preProcessFile(readFileSync(path.join(ROOT, file), 'utf8'), true, true);
  return info.importedFiles.map((imported) => imported.fileName);
}

function offenders(files: string[], forbidden: (specifier: string) => boolean): string[] {
  return files.flatMap((file) =>
    importsOf(file)
      .filter(forbidden)
      .map((specifier) => `${file} imports ${specifier}`),
  );
}

describe('the layering of the libraries', () => {
  const apps = sourcesUnder('apps');
  const platform = sourcesUnder('libs/platform/src');
  const observability = sourcesUnder('libs/observability/src');

  it('reads the imports it checks', () => {
    // Guards the checks below against a reader that sees nothing.
    expect(importsOf('libs/platform/src/tcp-dependency.client.ts')).toContain('@app/observability');
    expect(importsOf('libs/observability/src/telemetry.ts')).toContain('@opentelemetry/api');
    expect(apps.length).toBeGreaterThan(50);
    expect(platform.length).toBeGreaterThan(5);
  });

  it('lets no file of apps/ or libs/platform use OpenTelemetry except through @app/observability', () => {
    expect(offenders([...apps, ...platform], (specifier) => specifier.startsWith('@opentelemetry/'))).toEqual([]);
  });

  it('keeps libs/observability free of @app/platform (platform calls observability, never the reverse)', () => {
    expect(
      offenders(observability, (specifier) => specifier === '@app/platform' || specifier.includes('libs/platform')),
    ).toEqual([]);
  });

  it('keeps libs/common a leaf: it imports no library of the suite', () => {
    expect(offenders(sourcesUnder('libs/common/src'), (specifier) => specifier.startsWith('@app/'))).toEqual([]);
  });

  it('reaches other libraries through their index only, never by a deep path', () => {
    const everything = [...apps, ...platform, ...observability, ...sourcesUnder('libs/contracts/src')];
    const deep = (specifier: string) =>
      /^@app\/[^/]+\/./.test(specifier) && specifier !== '@app/observability/telemetry';
    expect(offenders(everything, deep)).toEqual([]);
  });
});
