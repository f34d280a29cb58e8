import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { DockerfileParser, type Instruction, JSONInstruction, ModifiableInstruction } from 'dockerfile-ast';

const ROOT = path.resolve(__dirname, '..', '..');

/** One instruction, as the tests need it: its keyword, its `--flags` and its arguments. */
export interface Step {
  keyword: string;
  flags: Record<string, string | null>;
  /** The arguments as written; for an exec form (`["node", "x"]`), the JSON array's strings. */
  args: string[];
  /** Whether the arguments are an exec form (a JSON array), which no shell interprets. */
  execForm: boolean;
}

export interface Stage {
  /** The image of its FROM, as written (`node:24-slim`). */
  image: string;
  /** Its `AS` name, if any. */
  name: string | null;
  /** Its instructions after the FROM. */
  steps: Step[];
}

/** HEALTHCHECK's command follows its `CMD` word, and dockerfile-ast does not read it as JSON. */
function healthcheckArgs(instruction: Instruction): Pick<Step, 'args' | 'execForm'> {
  const words = instruction.getArguments().map((argument) => argument.getValue());
  const rest = words.slice(words.indexOf('CMD') + 1).join(' ');
  if (!rest.startsWith('[')) return { args: words, execForm: false };
  return { args: [...words.slice(0, words.indexOf('CMD') + 1), ...(JSON.parse(rest) as string[])], execForm: true };
}

function stepOf(instruction: Instruction): Step {
  const keyword = instruction.getKeyword();
  const flags = Object.fromEntries(
    (instruction instanceof ModifiableInstruction ? instruction.getFlags() : []).map((flag) => [
      flag.getName(),
      flag.getValue(),
    ]),
  );
  if (keyword === 'HEALTHCHECK') return { keyword, flags, ...healthcheckArgs(instruction) };
  const json = instruction instanceof JSONInstruction ? instruction.getJSONStrings() : [];
  if (json.length > 0) return { keyword, flags, args: json.map((string) => string.getJSONValue()), execForm: true };
  return { keyword, flags, args: instruction.getArguments().map((argument) => argument.getValue()), execForm: false };
}

/** The stages of a Dockerfile, in order. */
export function parseDockerfile(text: string): Stage[] {
  const stages: Stage[] = [];
  for (const instruction of DockerfileParser.parse(text).getInstructions()) {
    const step = stepOf(instruction);
    if (step.keyword === 'FROM') {
      const [image, as, name] = step.args;
      stages.push({ image, name: as?.toUpperCase() === 'AS' ? name : null, steps: [] });
    } else if (stages.length === 0) {
      throw new Error(`${step.keyword} before the first FROM`);
    } else {
      stages[stages.length - 1].steps.push(step);
    }
  }
  return stages;
}

/** The project's Dockerfile. */
export function projectDockerfile(): Stage[] {
  return parseDockerfile(readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8'));
}

/** The steps of `stage` with `keyword`. */
export function stepsOf(stage: Stage, keyword: string): Step[] {
  return stage.steps.filter((step) => step.keyword === keyword);
}

/** The one step of `stage` with `keyword` (Docker uses the last of several; the project writes one). */
export function onlyStep(stage: Stage, keyword: string): Step {
  const steps = stepsOf(stage, keyword);
  if (steps.length !== 1)
    throw new Error(`expected one ${keyword} in the stage from ${stage.image}, got ${steps.length}`);
  return steps[0];
}

/** The shell commands of a RUN in shell form, split at `&&`. */
export function commandsOf(run: Step): string[][] {
  const commands: string[][] = [[]];
  for (const word of run.args) {
    if (word === '&&') commands.push([]);
    else commands[commands.length - 1].push(word);
  }
  return commands;
}

/** The working directory of `stage` (its last WORKDIR; only absolute ones are written). */
export function workdirOf(stage: Stage): string {
  const workdir = stepsOf(stage, 'WORKDIR').at(-1)?.args[0];
  if (!workdir?.startsWith('/')) throw new Error(`the stage from ${stage.image} has no absolute WORKDIR`);
  return workdir;
}

/** `ENV` of a stage as a map (the `NAME=value` form). */
export function envOf(stage: Stage): Record<string, string> {
  const env: Record<string, string> = {};
  for (const step of stepsOf(stage, 'ENV')) {
    for (const pair of step.args) {
      const at = pair.indexOf('=');
      if (at < 1) throw new Error(`ENV ${pair}: only the NAME=value form is read here`);
      env[pair.slice(0, at)] = pair.slice(at + 1);
    }
  }
  return env;
}

/** What one COPY of a stage puts where: its sources as paths of the repository, its destination in the image. */
export interface ImageCopy {
  /** Whether it copies from the build stage (`--from=<its name>`), rather than from the build context. */
  fromBuild: boolean;
  sources: string[];
  /** Absolute, in the image. */
  destination: string;
  /** Whether the destination is a folder that receives each source by its name (`./`, or several sources). */
  intoFolder: boolean;
}

/**
 * The COPY steps of `stage`, with their sources as repository paths: a file of the build stage is
 * the repository's (its WORKDIR holds `COPY . .`), its build output (dist/) included.
 */
export function copiesOf(stage: Stage, buildStage: Stage): ImageCopy[] {
  const workdir = workdirOf(stage);
  return stepsOf(stage, 'COPY').map((copy) => {
    const fromBuild = copy.flags.from !== undefined;
    if (fromBuild && copy.flags.from !== buildStage.name)
      throw new Error(`COPY --from=${copy.flags.from}: no such stage`);
    const written = copy.args.slice(0, -1);
    const target = copy.args[copy.args.length - 1];
    return {
      fromBuild,
      sources: written.map((source) =>
        fromBuild ? path.posix.relative(workdirOf(buildStage), source) : path.posix.normalize(source),
      ),
      destination: path.posix.resolve(workdir, target),
      intoFolder: target.endsWith('/') || written.length > 1,
    };
  });
}

/**
 * The repository path that `imagePath` (absolute, in the image) comes from, or undefined when no
 * COPY puts anything there. A folder source is copied as its contents, as Docker does.
 */
export function repositoryPathOf(copies: ImageCopy[], imagePath: string): string | undefined {
  // A later COPY overwrites an earlier one.
  for (const copy of [...copies].reverse()) {
    for (const source of copy.sources) {
      const isFolder = statSync(path.join(ROOT, source), { throwIfNoEntry: false })?.isDirectory() === true;
      const target =
        copy.intoFolder && !isFolder
          ? path.posix.join(copy.destination, path.posix.basename(source))
          : copy.destination;
      if (imagePath === target) return source;
      if (imagePath.startsWith(`${target}/`)) return path.posix.join(source, imagePath.slice(target.length + 1));
    }
  }
  return undefined;
}
