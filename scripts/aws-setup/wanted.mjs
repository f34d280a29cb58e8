// The resources as the repository wants them: aws/json/group.json (CreateGroup's input) and
// aws/json/xray.json (CreateSamplingRule's input, the original's --cli-input-json file).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { WantedResourceError } from './changes.mjs';

const AWS_JSON = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'aws', 'json');

function readObject(file) {
  const shown = path.relative(process.cwd(), file) || file;
  let value;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new WantedResourceError(`${shown} cannot be read as JSON: ${error.message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new WantedResourceError(`${shown} must hold a JSON object`);
  }
  return { value, shown };
}

/** CreateGroup's input, with a GroupName. */
export function wantedGroup(file = path.join(AWS_JSON, 'group.json')) {
  const { value, shown } = readObject(file);
  if (typeof value.GroupName !== 'string' || value.GroupName === '') {
    throw new WantedResourceError(`${shown}: GroupName must be a non-empty string`);
  }
  return value;
}

/** CreateSamplingRule's input, with a SamplingRule that has a RuleName. */
export function wantedSamplingRule(file = path.join(AWS_JSON, 'xray.json')) {
  const { value, shown } = readObject(file);
  const rule = value.SamplingRule;
  if (typeof rule !== 'object' || rule === null || typeof rule.RuleName !== 'string' || rule.RuleName === '') {
    throw new WantedResourceError(`${shown}: SamplingRule.RuleName must be a non-empty string`);
  }
  return value;
}
