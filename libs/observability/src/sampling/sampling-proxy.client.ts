import { request } from 'node:http';
import { withoutTracing } from '../telemetry-call';
import type { DaemonEndpoint } from './daemon-address';
import type { SamplingRuleDefinition } from './sampling-rule.definition';
import type { RuleTarget } from './sampling-rule.state';

/** A SamplingStatisticsDocument (Timestamp in epoch seconds). */
export interface SamplingStatisticsDocument {
  RuleName: string;
  ClientID: string;
  Timestamp: number;
  RequestCount: number;
  SampledCount: number;
  BorrowCount: number;
}

export interface GetSamplingRulesAnswer {
  SamplingRuleRecords?: { SamplingRule?: SamplingRuleDefinition }[];
  NextToken?: string;
}

export interface SamplingTargetsAnswer {
  SamplingTargetDocuments?: (RuleTarget & { RuleName: string })[];
  /** Epoch seconds of the last change to any rule. */
  LastRuleModification?: number;
}

const MAX_ANSWER_BYTES = 1 << 20;

/**
 * Calls the X-Ray daemon's sampling proxy (`POST /GetSamplingRules`,
 * `POST /SamplingTargets`, X-Ray's own API paths). Calls run with tracing
 * suppressed: polling must not show up as traces, nor inside a request's trace.
 */
export class SamplingProxyClient {
  constructor(
    private readonly endpoint: DaemonEndpoint,
    private readonly timeoutMs = 2000,
  ) {}

  getSamplingRules(nextToken?: string): Promise<GetSamplingRulesAnswer> {
    return this.post(
      '/GetSamplingRules',
      nextToken === undefined ? {} : { NextToken: nextToken },
    ) as Promise<GetSamplingRulesAnswer>;
  }

  getSamplingTargets(documents: SamplingStatisticsDocument[]): Promise<SamplingTargetsAnswer> {
    return this.post('/SamplingTargets', { SamplingStatisticsDocuments: documents }) as Promise<SamplingTargetsAnswer>;
  }

  private post(path: string, body: object): Promise<unknown> {
    const payload = JSON.stringify(body);
    const where = `X-Ray daemon ${this.endpoint.host}:${this.endpoint.port}${path}`;
    return new Promise((resolve, reject) => {
      withoutTracing(() => {
        const call = request(
          {
            host: this.endpoint.host,
            port: this.endpoint.port,
            method: 'POST',
            path,
            agent: false, // a poll every 10 s needs no pooled connection holding the process open
            timeout: this.timeoutMs,
            headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
          },
          (response) => {
            const chunks: Buffer[] = [];
            let size = 0;
            response.on('data', (chunk: Buffer) => {
              size += chunk.length;
              if (size > MAX_ANSWER_BYTES) call.destroy(new Error(`${where}: answer over ${MAX_ANSWER_BYTES} bytes`));
              else chunks.push(chunk);
            });
            response.on('error', reject);
            response.on('end', () => {
              const text = Buffer.concat(chunks).toString('utf8');
              if (response.statusCode !== 200)
                return reject(new Error(`${where} answered ${response.statusCode}: ${text.slice(0, 200)}`));
              try {
                resolve(JSON.parse(text));
              } catch {
                reject(new Error(`${where} answered something other than JSON`));
              }
            });
          },
        );
        call.on('timeout', () => call.destroy(new Error(`${where} did not answer within ${this.timeoutMs} ms`)));
        call.on('error', (error) => reject(new Error(`${where}: ${error.message}`)));
        call.end(payload);
      });
    });
  }
}
