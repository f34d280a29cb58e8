// Nest's own start-up lines (one per module, controller and route, then "successfully
// started") are dozens per app and say nothing a newcomer needs; shown as they come, they
// bury the banner. The supervisor treats them as debug lines: shown only at LOG_LEVEL
// debug or verbose. Only their info lines: a warning or error from the framework is kept.
import { stripVTControlCharacters } from 'node:util';

const FRAMEWORK_CONTEXTS = [
  'NestFactory',
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'NestApplication',
  'NestMicroservice',
];
// The services' pretty lines (`time INFO    [gateway] [RouterExplorer] …`) and Nest's own
// console logger, which the collector uses (`[Nest] 42  - date     LOG [RouterExplorer] …`).
const TEXT_LINE = new RegExp(`\\b(?:LOG|INFO)\\s+(?:\\[[^\\]]*\\]\\s+)?\\[(?:${FRAMEWORK_CONTEXTS.join('|')})\\]`);

/** Whether a line of an app's output is one of Nest's informational start-up lines. */
export function isStartupNoise(line) {
  const plain = stripVTControlCharacters(line);
  // The services' JSON lines (LOG_FORMAT=json, the default when not on a terminal).
  if (plain.startsWith('{')) {
    try {
      const entry = JSON.parse(plain);
      return entry.level === 'info' && FRAMEWORK_CONTEXTS.includes(entry.context);
    } catch {
      return false;
    }
  }
  return TEXT_LINE.test(plain);
}

/** Whether LOG_LEVEL asks for debug lines, Nest's start-up lines among them. */
export function showsStartupNoise(env) {
  return ['debug', 'verbose'].includes(env.LOG_LEVEL?.trim() ?? '');
}
