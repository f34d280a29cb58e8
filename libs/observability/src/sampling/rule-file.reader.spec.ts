import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readSamplingRuleFile, StaticRuleSource } from './rule-file.reader';
import { CRUDDUR_RULE } from './testing/sampling.fixture';

const REPO_RULE_FILE = path.resolve(__dirname, '../../../../aws/json/xray.json');

describe('readSamplingRuleFile', () => {
  let dir: string;
  const write = (content: unknown) => {
    const file = path.join(dir, `rules-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
    return file;
  };

  beforeAll(() => (dir = mkdtempSync(path.join(tmpdir(), 'sampling-rules-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("reads the repository's aws/json/xray.json as the Cruddur rule for the gateway", () => {
    expect(readSamplingRuleFile(REPO_RULE_FILE)).toEqual([CRUDDUR_RULE]);
  });

  it('reads several rules from SamplingRules and applies them by priority, then name, Default last', () => {
    const file = write({
      SamplingRules: [
        { ...CRUDDUR_RULE, RuleName: 'b', Priority: 5 },
        { RuleName: 'health', Priority: 1, FixedRate: 0, ReservoirSize: 0, URLPath: '/api/health-check' },
        { ...CRUDDUR_RULE, RuleName: 'a', Priority: 5 },
      ],
    });
    const rules = readSamplingRuleFile(file);
    // Matchers left out match everything.
    expect(rules[1]).toMatchObject({
      ServiceName: '*',
      Host: '*',
      HTTPMethod: '*',
      URLPath: '/api/health-check',
      ResourceARN: '*',
      Version: 1,
    });
    expect(new StaticRuleSource(rules).rules().map((rule) => rule.name)).toEqual(['health', 'a', 'b', 'Default']);
  });

  it('lets the file redefine the Default rule', () => {
    const file = write({ SamplingRules: [{ RuleName: 'Default', Priority: 10000, FixedRate: 0.5, ReservoirSize: 2 }] });
    const rules = new StaticRuleSource(readSamplingRuleFile(file)).rules();
    expect(rules.map((rule) => [rule.name, rule.definition.FixedRate])).toEqual([['Default', 0.5]]);
  });

  it.each<[string, unknown, RegExp]>([
    ['not JSON', '{"SamplingRule":', /could not be read/],
    ["the bootcamp's misspelt key", { SamplingRUle: CRUDDUR_RULE }, /must hold \{"SamplingRule"/],
    ['a rule that is not an object', { SamplingRule: [CRUDDUR_RULE] }, /must be an object/],
    ['no RuleName', { SamplingRule: { ...CRUDDUR_RULE, RuleName: '' } }, /RuleName/],
    [
      'a FixedRate over 1',
      { SamplingRule: { ...CRUDDUR_RULE, FixedRate: 1.5 } },
      /FixedRate must be a number from 0 to 1/,
    ],
    ['a fractional ReservoirSize', { SamplingRule: { ...CRUDDUR_RULE, ReservoirSize: 2.5 } }, /ReservoirSize/],
    ['a Priority as text', { SamplingRule: { ...CRUDDUR_RULE, Priority: '9000' } }, /Priority/],
    ['Version 2', { SamplingRule: { ...CRUDDUR_RULE, Version: 2 } }, /Version must be 1/],
    [
      'a matcher that is not text',
      { SamplingRules: [CRUDDUR_RULE, { ...CRUDDUR_RULE, URLPath: 7 }] },
      /SamplingRules\[1\]: URLPath/,
    ],
  ])('refuses %s, naming the file', (_, content, message) => {
    const file = write(content);
    expect(() => readSamplingRuleFile(file)).toThrow(message);
    expect(() => readSamplingRuleFile(file)).toThrow(file);
  });

  it('refuses a file that does not exist', () => {
    expect(() => readSamplingRuleFile(path.join(dir, 'missing.json'))).toThrow(/missing\.json could not be read/);
  });
});
