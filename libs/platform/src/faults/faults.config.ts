import { randomInt } from 'node:crypto';
import { ConfigError, type Env, readFlag, readPort } from '@app/common';
import { type FaultSettings, FaultField, parseRate, parseSpread } from './fault-settings';

/** A service's fault switches as its environment sets them at start. */
export interface FaultsConfig {
  /** The service's name; its variables' prefix is the upper-cased name (`ACTIVITIES_`). */
  service: string;
  settings: FaultSettings;
  /** Whether the service answers TCP requests, so that dropping a reply means something. */
  tcpReplies: boolean;
  /** FAULTS_SCHEDULE=random: the seed (FAULTS_SEED, or one chosen now). */
  schedule?: { seed: number };
  /** FAULTS_ADMIN=1: the admin endpoint's port (always on 127.0.0.1). */
  admin?: { port: number };
}

export interface FaultsConfigOptions {
  tcpReplies: boolean;
  /** Default of `<SERVICE>_FAULTS_ADMIN_PORT`. */
  adminPort: number;
}

const MAX_SEED = 2 ** 31 - 1;

/**
 * `<SERVICE>_FAULT_LATENCY_MS`, `_ERROR_RATE`, `_DROP_REPLY_RATE` (services
 * with TCP requests only), `_CPU_MS`; `FAULTS_SCHEDULE`, `FAULTS_SEED`;
 * `FAULTS_ADMIN`, `<SERVICE>_FAULTS_ADMIN_PORT`. Unset, every switch is off.
 */
export function readFaultsConfig(env: Env, service: string, options: FaultsConfigOptions): FaultsConfig {
  const prefix = service.toUpperCase();
  const variable = (key: keyof typeof FaultField) => `${prefix}_FAULT_${FaultField[key]}`;
  const value = (name: string) => (env[name]?.trim() ? env[name].trim() : undefined);

  const latency = value(variable('latencyMs'));
  const errorRate = value(variable('errorRate'));
  const dropReplyRate = value(variable('dropReplyRate'));
  const cpu = value(variable('cpuMs'));
  if (dropReplyRate !== undefined && !options.tcpReplies) {
    throw new ConfigError(`${variable('dropReplyRate')} has no effect: the ${service} answers no TCP requests`);
  }
  const settings: FaultSettings = {
    latencyMs: latency === undefined ? undefined : parseSpread(latency, variable('latencyMs')),
    errorRate: errorRate === undefined ? 0 : parseRate(errorRate, variable('errorRate')),
    dropReplyRate: dropReplyRate === undefined ? 0 : parseRate(dropReplyRate, variable('dropReplyRate')),
    cpuMs: cpu === undefined ? undefined : parseSpread(cpu, variable('cpuMs')),
  };

  const scheduleMode = (value('FAULTS_SCHEDULE') ?? 'off').toLowerCase();
  if (scheduleMode !== 'off' && scheduleMode !== 'random') {
    throw new ConfigError(`FAULTS_SCHEDULE must be off or random, got "${env.FAULTS_SCHEDULE}"`);
  }
  const seedText = value('FAULTS_SEED');
  if (seedText !== undefined && !(/^\d+$/.test(seedText) && Number(seedText) <= MAX_SEED)) {
    throw new ConfigError(`FAULTS_SEED must be a whole number from 0 to ${MAX_SEED}, got "${seedText}"`);
  }
  const seed = seedText === undefined ? randomInt(MAX_SEED) : Number(seedText);

  const adminPort = readPort(env, `${prefix}_FAULTS_ADMIN_PORT`, options.adminPort);
  return {
    service,
    settings,
    tcpReplies: options.tcpReplies,
    schedule: scheduleMode === 'random' ? { seed } : undefined,
    admin: readFlag(env, 'FAULTS_ADMIN', false) ? { port: adminPort } : undefined,
  };
}
