import { ConfigError, type Env, readAddress, readAwsRegion, readChoice, readFlag, readHttpUrl } from '@app/common';
import { localCollectorCredentials } from './local-aws-credentials';
import type { ObservabilityOptions, SamplingOptions, XrayMode, XrayOptions } from './observability.options';
import { readOtlpExportOptions } from './sdk/otlp-export-options.reader';
import { readSdkOptions } from './sdk/sdk-options.reader';

const LOCAL_DAEMON = { host: '127.0.0.1', port: 2000 };
const XRAY_MODES: readonly XrayMode[] = ['daemon', 'otlp', 'off'];

/** AWS_XRAY_MODE; AWS_XRAY_SDK_ENABLED=false keeps meaning `off`, and contradicting it is an error. */
function readXray(env: Env): XrayOptions {
  const sdkEnabled = readFlag(env, 'AWS_XRAY_SDK_ENABLED', true);
  const mode = readChoice(env, 'AWS_XRAY_MODE', XRAY_MODES, sdkEnabled ? 'daemon' : 'off');
  if (!sdkEnabled && mode !== 'off') {
    throw new ConfigError(
      `AWS_XRAY_SDK_ENABLED=false turns X-Ray off, but AWS_XRAY_MODE says "${mode}": set one of them`,
    );
  }
  const daemon = readAddress(env, 'AWS_XRAY_DAEMON_ADDRESS', LOCAL_DAEMON);
  const region = readAwsRegion(env);
  const otlpEndpoint = readHttpUrl(env, 'AWS_XRAY_OTLP_ENDPOINT', `https://xray.${region}.amazonaws.com/v1/traces`);
  return {
    mode,
    daemonAddress: `${daemon.host}:${daemon.port}`,
    dynamicNamingPattern: env.AWS_XRAY_URL?.trim() || undefined,
    otlpEndpoint,
    region,
    localCredentials: localCollectorCredentials(env, otlpEndpoint),
  };
}

function readSampling(env: Env): SamplingOptions {
  const sampler = env.OTEL_TRACES_SAMPLER?.trim() || 'parentbased_always_on';
  switch (sampler) {
    case 'parentbased_always_on':
    case 'always_on':
      return { mode: 'always' };
    case 'parentbased_always_off':
    case 'always_off':
      return { mode: 'never' };
    case 'xray':
      return { mode: 'xray-remote' };
    case 'xray_file':
      return { mode: 'xray-file', file: env.OTEL_TRACES_SAMPLER_ARG?.trim() || 'aws/json/xray.json' };
    default:
      throw new ConfigError(
        `OTEL_TRACES_SAMPLER must be parentbased_always_on, parentbased_always_off, xray or xray_file, got "${sampler}"`,
      );
  }
}

/**
 * The library's options from an environment (each app passes `process.env`):
 * the ecosystem's own variable names, defaults pointing at the local collector.
 * `publicEdge` (the gateway) makes DISTRUST_INCOMING_TRACE_CONTEXT count: the
 * internal services always trust their callers, which are the suite's own.
 */
export function readObservabilityOptions(
  env: Env,
  defaults: { serviceName: string; serviceVersion: string; publicEdge?: boolean },
): ObservabilityOptions {
  return {
    enabled: !readFlag(env, 'OTEL_SDK_DISABLED', false),
    serviceName: env.OTEL_SERVICE_NAME?.trim() || defaults.serviceName,
    serviceVersion: defaults.serviceVersion,
    environment: env.DEPLOYMENT_ENVIRONMENT?.trim() || 'local',
    otlp: readOtlpExportOptions(env),
    sdk: readSdkOptions(env),
    xray: readXray(env),
    sampling: readSampling(env),
    distrustIncomingTraceContext: defaults.publicEdge ? readFlag(env, 'DISTRUST_INCOMING_TRACE_CONTEXT', false) : false,
  };
}
