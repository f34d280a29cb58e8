import path from 'node:path';
import { build } from 'esbuild';
import ts from 'typescript';
import { commandsOf, envOf, onlyStep, projectDockerfile, stepsOf, workdirOf } from './support/dockerfile';
import { contextFiles, excludedFromContext } from './support/docker-context';
import { type ServicesScript, importScript } from './support/scripts';

const ROOT = path.resolve(__dirname, '..');

describe('the Dockerfile', () => {
  const stages = projectDockerfile();
  const [buildStage, runStage] = stages;
  const runCommands = (stage: (typeof stages)[number]) => stepsOf(stage, 'RUN').flatMap(commandsOf);
  let services: ServicesScript;
  beforeAll(async () => {
    services = await importScript<ServicesScript>('services.mjs');
  });

  it('builds in a stage named build and runs from a second one, both on the same pinned node:24-slim', () => {
    expect(stages).toHaveLength(2);
    expect(buildStage.name).toBe('build');
    expect(buildStage.image).toMatch(/^node:24(\.\d+){0,2}-slim$/);
    expect(runStage.image).toBe(buildStage.image);
  });

  it('installs with npm ci only: every dependency to build, the production ones to run', () => {
    const all = stages.flatMap(runCommands);
    expect(
      all.filter(([tool, verb]) => tool === 'yarn' || (tool === 'npm' && ['install', 'i', 'add'].includes(verb))),
    ).toEqual([]);
    const npmCi = (stage: (typeof stages)[number]) =>
      runCommands(stage).filter(([tool, verb]) => tool === 'npm' && verb === 'ci');
    expect(npmCi(buildStage)).toEqual([expect.not.arrayContaining(['--omit=dev'])]);
    expect(runCommands(buildStage)).toContainEqual(['npm', 'run', 'build']);
    expect(npmCi(runStage)).toEqual([expect.arrayContaining(['--omit=dev'])]);
  });

  it('copies into the last stage only the manifests, and from the build stage only what runs', () => {
    const copies = stepsOf(runStage, 'COPY');
    const fromContext = copies
      .filter((copy) => copy.flags.from === undefined)
      .flatMap((copy) => copy.args.slice(0, -1));
    expect(fromContext.sort()).toEqual(['package-lock.json', 'package.json']);
    const fromBuild = copies.filter((copy) => copy.flags.from === 'build').map((copy) => copy.args[0]);
    expect(copies.filter((copy) => copy.flags.from !== undefined && copy.flags.from !== 'build')).toEqual([]);
    // Never the build's node_modules (dev dependencies) or the whole tree (sources, tests).
    expect(fromBuild.filter((source) => /node_modules|^\/app\/?$|^\.$/.test(source))).toEqual([]);
    expect(fromBuild).toContain('/app/dist/apps');
  });

  it("runs as the base image's non-root user, in /app, with NODE_ENV=production", () => {
    expect(workdirOf(runStage)).toBe('/app');
    expect(workdirOf(buildStage)).toBe('/app');
    expect(envOf(runStage).NODE_ENV).toBe('production');
    const users = stepsOf(runStage, 'USER').map((user) => user.args[0]);
    expect(users.at(-1)).toBe('node');
    // The one folder the app writes (scripts/container/running-app.mjs) is the user's.
    expect(runCommands(runStage)).toEqual(
      expect.arrayContaining([
        ['mkdir', 'run'],
        ['chown', 'node:node', 'run'],
      ]),
    );
  });

  it('has a HEALTHCHECK that runs a Node script, bounded in time', () => {
    const healthcheck = onlyStep(runStage, 'HEALTHCHECK');
    expect(healthcheck.execForm).toBe(true);
    expect(healthcheck.args).toEqual(['CMD', 'node', 'scripts/container/health.mjs']);
    expect(healthcheck.flags).toEqual(expect.objectContaining({ interval: expect.any(String), timeout: '5s' }));
  });

  it('chooses the app by its command: the entrypoint script runs the app CMD names, the gateway by default', () => {
    const entrypoint = onlyStep(runStage, 'ENTRYPOINT');
    const cmd = onlyStep(runStage, 'CMD');
    expect([entrypoint.execForm, cmd.execForm]).toEqual([true, true]);
    // The same node flags as npm start gives every app (scripts/services.mjs).
    expect(entrypoint.args).toEqual(['node', ...services.APP_NODE_FLAGS, 'scripts/container/run.mjs']);
    expect(cmd.args).toEqual(['gateway']);
  });
});

describe('the build context (.dockerignore)', () => {
  it('leaves out installs, builds, git, secrets, tests and docs', () => {
    for (const excluded of [
      'node_modules/rxjs/package.json',
      'dist/apps/gateway/apps/gateway/src/main.js',
      '.git/HEAD',
      '.env',
      'test/api.e2e-spec.ts',
      'test-output/screenshots/map.png',
      'docs/screenshots/map.png',
      'apps/gateway/src/gateway.config.spec.ts',
      'libs/platform/src/testing/index.ts',
      'scripts/bench-collector.mjs',
      'scripts/bench.mjs',
      'scripts/bench/peer/preload.cjs',
    ]) {
      expect([excluded, excludedFromContext(excluded)]).toEqual([excluded, true]);
    }
  });

  /** Every TypeScript file `nest build --all` compiles: each project's files and what they import. */
  function compiledSources(): string[] {
    const nestCli = ts.readConfigFile(path.join(ROOT, 'nest-cli.json'), ts.sys.readFile).config as {
      projects: Record<string, { compilerOptions: { tsConfigPath: string } }>;
    };
    const configs = Object.values(nestCli.projects).map((project) => project.compilerOptions.tsConfigPath);
    const parsed = configs.map((config) => {
      const result = ts.getParsedCommandLineOfConfigFile(
        path.join(ROOT, config),
        {},
        {
          ...ts.sys,
          onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
            throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
          },
        },
      );
      if (!result) throw new Error(`${config} could not be read`);
      return result;
    });
    // One program for all of them: the projects share tsconfig.json's paths, so they resolve alike.
    const program = ts.createProgram(
      parsed.flatMap((config) => config.fileNames),
      { ...parsed[0].options, noEmit: true },
    );
    const sources = program
      .getSourceFiles()
      .map((source) => source.fileName)
      .filter((file) => !file.includes('/node_modules/'))
      .map((file) => path.relative(ROOT, file));
    return [...sources, ...configs];
  }

  it('holds every file the build stage reads', async () => {
    const explorer = await build({
      entryPoints: [path.join(ROOT, 'apps/collector/explorer/src/main.tsx')],
      tsconfig: path.join(ROOT, 'apps/collector/explorer/tsconfig.json'),
      bundle: true,
      write: false,
      // Never written (write: false); esbuild needs it to place the CSS the page imports.
      outdir: 'explorer-out',
      metafile: true,
      jsx: 'automatic',
      jsxImportSource: 'preact',
      logLevel: 'silent',
    });
    const explorerSources = Object.keys(explorer.metafile.inputs).filter((input) => !input.includes('node_modules'));
    const read = [
      ...compiledSources(),
      ...explorerSources,
      'apps/collector/explorer/index.html',
      'apps/collector/explorer/tsconfig.json',
      'nest-cli.json',
      'tsconfig.json',
      'package.json',
      'package-lock.json',
      'scripts/build-explorer.mjs',
      'scripts/services.mjs',
    ];
    expect(read.length).toBeGreaterThan(100);
    const context = new Set(contextFiles());
    expect(read.filter((file) => !context.has(file))).toEqual([]);
  }, 60_000);
});
