import { ThrottledWarning } from '@app/common';
import { diag } from '@opentelemetry/api';
import { AlwaysOffSampler, AlwaysOnSampler, type Sampler } from '@opentelemetry/sdk-trace';
import type { SamplingOptions } from '../observability.options';
import { parseDaemonAddress } from './daemon-address';
import { ParentOrRootSampler } from './parent-or-root.sampler';
import { RemoteRulesPoller } from './remote-rules.poller';
import { readSamplingRuleFile, StaticRuleSource } from './rule-file.reader';
import { REAL_RUNTIME, XrayRulesSampler } from './rules.sampler';
import { SamplingProxyClient } from './sampling-proxy.client';

/** Where the sampler reports trouble (the library's diag logger by default). */
export interface SamplingLogger {
  warn(message: string): void;
}

/** What the sampler needs to know about the process. */
export interface SamplerContext {
  /** Matched against the rules' ServiceName (the X-Ray segment name). */
  serviceName: string;
  /** `host:port` of the X-Ray daemon, whose TCP side serves the sampling rules. */
  daemonAddress: string;
  /** Receives warnings (daemon unreachable: at most one a minute). @default OpenTelemetry's diag logger */
  logger?: SamplingLogger;
}

/** The sampler of the tracer provider, with what it polls stopped by `shutdown`. */
export interface ObservabilitySampler extends Sampler {
  /** Stops polling the daemon (its timers never keep the process alive anyway). */
  shutdown(): void;
}

/**
 * The one sampling decision of a trace, shared by OpenTelemetry and X-Ray:
 * parent-based, and at a root (or under an undecided X-Ray caller) the
 * configured root sampler: always, never, X-Ray rules from the daemon's
 * proxy, or X-Ray rules from a file. Throws only on configuration errors
 * (unreadable rules file, malformed daemon address).
 */
export function createSampler(options: SamplingOptions, context: SamplerContext): ObservabilitySampler {
  let stop = (): void => undefined;
  let root: Sampler;
  switch (options.mode) {
    case 'always':
      root = new AlwaysOnSampler();
      break;
    case 'never':
      root = new AlwaysOffSampler();
      break;
    case 'xray-file':
      root = new XrayRulesSampler(new StaticRuleSource(readSamplingRuleFile(options.file)), context.serviceName);
      break;
    case 'xray-remote': {
      const logger = context.logger ?? { warn: (message: string) => diag.warn(message) };
      const poller = new RemoteRulesPoller(
        new SamplingProxyClient(parseDaemonAddress(context.daemonAddress)),
        new ThrottledWarning((message) => logger.warn(message), { now: REAL_RUNTIME.now }),
        REAL_RUNTIME,
      );
      poller.start();
      stop = () => poller.stop();
      root = new XrayRulesSampler(poller, context.serviceName);
      break;
    }
  }
  const sampler = new ParentOrRootSampler(root);
  return {
    shouldSample: (...args) => sampler.shouldSample(...args),
    toString: () => sampler.toString(),
    shutdown: stop,
  };
}
