import { readFileSync } from 'node:fs';
import { parseJson } from '@app/common';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { COLLECTOR_CONFIG } from '../collector.constants';
import type { CollectorConfig } from '../collector.config';
import { readNewSamplingRule } from './sampling-rule.reader';
import { SamplingRulesStore } from './sampling-rules.store';
import { XrayRequestReader } from './xray-request.reader';

/**
 * Loads sampling rules at start from COLLECTOR_SAMPLING_RULES_FILE, in
 * CreateSamplingRule's input shape (`{"SamplingRule": {…}}`, as in
 * aws/json/xray.json) or `{"SamplingRules": [{…}, …]}`, so the services'
 * X-Ray sampler finds them without a `create-sampling-rule` call first.
 * A file that cannot be read or holds an invalid rule stops the collector with a message saying why.
 */
@Injectable()
export class SamplingRulesLoader implements OnApplicationBootstrap {
  private readonly logger = new Logger('SamplingRules');

  constructor(
    @Inject(COLLECTOR_CONFIG) private readonly config: Pick<CollectorConfig, 'samplingRulesFile'>,
    private readonly rules: SamplingRulesStore,
  ) {}

  onApplicationBootstrap(): void {
    const file = this.config.samplingRulesFile;
    if (!file) return;
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new Error(`COLLECTOR_SAMPLING_RULES_FILE ${file} cannot be read: ${(error as Error).message}`, {
        cause: error,
      });
    }
    let parsed: unknown;
    try {
      parsed = parseJson(text);
    } catch (error) {
      throw new Error(`COLLECTOR_SAMPLING_RULES_FILE ${file} cannot be read as JSON: ${(error as Error).message}`, {
        cause: error,
      });
    }
    const list = (parsed as { SamplingRules?: unknown })?.SamplingRules;
    const inputs = Array.isArray(list) ? list.map((SamplingRule) => ({ SamplingRule })) : [parsed];
    for (const input of inputs) {
      try {
        const rule = readNewSamplingRule(XrayRequestReader.parse(JSON.stringify(input)));
        this.rules.create(rule);
        this.logger.log(`sampling rule ${rule.RuleName} loaded from ${file}`);
      } catch (error) {
        throw new Error(`COLLECTOR_SAMPLING_RULES_FILE ${file}: ${(error as Error).message}`, { cause: error });
      }
    }
  }
}
