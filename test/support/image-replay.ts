import { type ChildProcess, execFile, spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { contextFiles, inBuildStage } from './docker-context';
import { type Stage, commandsOf, copiesOf, envOf, onlyStep, projectDockerfile, stepsOf } from './dockerfile';

const ROOT = path.resolve(__dirname, '..', '..');
const run = promisify(execFile);

/** The files under `source` (a file or a folder of the repository), as repository paths. */
function filesUnder(source: string): string[] {
  if (!statSync(path.join(ROOT, source)).isDirectory()) return [source];
  return readdirSync(path.join(ROOT, source), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(ROOT, path.join(entry.parentPath, entry.name)));
}

/**
 * The last stage of the project's Dockerfile, replayed in a folder instead of an image: what its
 * COPY steps take from the build context (.dockerignore applied) or from the build stage (the
 * repository after `npm run build`), then its RUN steps, then its ENTRYPOINT, CMD, ENV and
 * HEALTHCHECK run there as a container runs them, with this process's Node for the image's `node`.
 */
export class ReplayedImage {
  readonly stage: Stage;

  constructor(readonly workdir: string) {
    const [buildStage, runStage] = projectDockerfile();
    this.stage = runStage;
    const inContext = new Set(contextFiles());
    for (const copy of copiesOf(runStage, buildStage)) {
      for (const source of copy.sources) {
        const isFolder = statSync(path.join(ROOT, source)).isDirectory();
        for (const file of filesUnder(source)) {
          // What the image would not get: files the context leaves out (from the build stage, unless built there).
          if (copy.fromBuild ? !inBuildStage(file) : !inContext.has(file)) continue;
          const inside = isFolder
            ? path.join(copy.destination, path.relative(source, file))
            : copy.intoFolder
              ? path.join(copy.destination, path.basename(file))
              : copy.destination;
          const target = path.join(workdir, path.relative('/app', inside));
          mkdirSync(path.dirname(target), { recursive: true });
          cpSync(path.join(ROOT, file), target);
        }
      }
    }
  }

  /** Runs the stage's RUN steps in the folder; a command the replay does not know fails it. */
  runSteps(): void {
    const user = stepsOf(this.stage, 'USER').at(-1)?.args[0];
    for (const command of stepsOf(this.stage, 'RUN').flatMap(commandsOf)) {
      const [tool, verb, ...rest] = command;
      if (tool === 'npm' && verb === 'ci') {
        // CI reaches the npm registry; --prefer-offline uses this machine's cache first.
        const result = spawnSync('npm', ['ci', ...rest, '--prefer-offline'], { cwd: this.workdir, encoding: 'utf8' });
        if (result.status !== 0) throw new Error(`npm ci failed:\n${result.stdout}${result.stderr}`);
      } else if (tool === 'npm' && verb === 'cache' && rest[0] === 'clean') {
        // Only makes the image smaller; here it would empty this machine's npm cache.
      } else if (tool === 'mkdir' && rest.length === 0) {
        mkdirSync(path.join(this.workdir, verb));
      } else if (tool === 'chown' && verb === `${user}:${user}`) {
        // The replay runs as this machine's user, who owns the folder already.
      } else {
        throw new Error(`the replay does not know the RUN command "${command.join(' ')}": teach it`);
      }
    }
  }

  /** The environment of a container of the image: its ENV, then `env` as compose's `environment` gives it. */
  environment(env: Record<string, string>): Record<string, string> {
    return { PATH: process.env.PATH ?? '', ...envOf(this.stage), ...env };
  }

  /** `docker run <image> [command]`: ENTRYPOINT with the command (CMD when none is given), from the WORKDIR. */
  start(command: string[] | undefined, env: Record<string, string>): ChildProcess {
    const [node, ...args] = onlyStep(this.stage, 'ENTRYPOINT').args;
    if (node !== 'node') throw new Error(`ENTRYPOINT starts with ${node}, not node`);
    return spawn(process.execPath, [...args, ...(command ?? onlyStep(this.stage, 'CMD').args)], {
      cwd: this.workdir,
      env: this.environment(env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  }

  /** The HEALTHCHECK's command, with its --timeout: exit code and output. */
  async healthcheck(env: Record<string, string>): Promise<{ code: number; output: string }> {
    const healthcheck = onlyStep(this.stage, 'HEALTHCHECK');
    const [cmd, node, ...args] = healthcheck.args;
    if (cmd !== 'CMD' || node !== 'node') throw new Error(`HEALTHCHECK ${healthcheck.args.join(' ')}: not CMD node …`);
    const timeout = Number.parseInt(healthcheck.flags.timeout ?? '30', 10) * 1000;
    try {
      const { stdout, stderr } = await run(process.execPath, args, {
        cwd: this.workdir,
        env: this.environment(env),
        timeout,
      });
      return { code: 0, output: `${stdout}${stderr}`.trim() };
    } catch (error) {
      const failed = error as { code?: number; stdout?: string; stderr?: string; killed?: boolean };
      if (failed.killed) return { code: -1, output: `killed after ${timeout} ms` };
      return { code: failed.code ?? -1, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}`.trim() };
    }
  }
}
