import { ConfigError } from '@app/common';
import { APP_LOG_LEVELS } from './logging/log-levels';
import { readObservabilityOptions } from './observability-options.reader';
import { readLoggingOptions, readReportingOptions } from './reporting-options.reader';

describe('readLoggingOptions', () => {
  const env = { CLOUDWATCH_LOGS_ENABLED: 'false' };

  it('takes every level a logger can be set to, info when LOG_LEVEL is unset', () => {
    for (const level of APP_LOG_LEVELS)
      expect(readLoggingOptions({ ...env, LOG_LEVEL: level }, 'gateway').level).toBe(level);
    expect(readLoggingOptions(env, 'gateway').level).toBe('info');
  });

  it.each(['log', 'http', 'silly', 'INFO'])('refuses LOG_LEVEL=%s, naming the levels it takes', (level) => {
    const read = () => readLoggingOptions({ ...env, LOG_LEVEL: level }, 'gateway');
    expect(read).toThrow(ConfigError);
    expect(read).toThrow(`LOG_LEVEL must be one of fatal, error, warn, info, debug, verbose, got "${level}"`);
  });
});

describe('readLoggingOptions: credentials for CloudWatch Logs', () => {
  const placeholders = { accessKeyId: 'local', secretAccessKey: 'local' };
  const credentialsFor = (env: Record<string, string>) => readLoggingOptions(env, 'gateway').cloudwatch?.credentials;

  it('signs with placeholders for the collector on loopback, which checks no signature', () => {
    expect(credentialsFor({})).toEqual(placeholders);
    expect(credentialsFor({ AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: 'http://localhost:4318' })).toEqual(placeholders);
  });

  it('signs with placeholders for the collector reached by a host name, as docker compose reaches it', () => {
    const env = { AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: 'http://collector:4318', COLLECTOR_URL: 'http://collector:4318' };
    expect(credentialsFor(env)).toEqual(placeholders);
  });

  it('signs with placeholders for any plain-http endpoint (a relay: AWS endpoints are https only)', () => {
    expect(credentialsFor({ AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: 'http://relay:4318' })).toEqual(placeholders);
  });

  it("leaves the AWS SDK's own credentials to an https endpoint, or when credentials are configured", () => {
    expect(
      credentialsFor({ AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: 'https://logs.us-east-1.amazonaws.com' }),
    ).toBeUndefined();
    expect(credentialsFor({ AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: 'https://collector:4318' })).toBeUndefined();
    const configured = {
      COLLECTOR_URL: 'http://collector:4318',
      AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: 'http://collector:4318',
    };
    expect(credentialsFor({ ...configured, AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE' })).toBeUndefined();
  });
});

describe('readReportingOptions: the environment of Rollbar items', () => {
  const rollbarEnvironment = (env: Record<string, string>) => {
    const { environment } = readObservabilityOptions(env, { serviceName: 'gateway', serviceVersion: '0' });
    return { logs: environment, rollbar: readReportingOptions(env, '/app', environment).rollbar?.environment };
  };
  const token = { ROLLBAR_ACCESS_TOKEN: 'x', CLOUDWATCH_LOGS_ENABLED: 'false' };

  it('is the deployment environment of the log lines, with one default for both', () => {
    expect(rollbarEnvironment(token)).toEqual({ logs: 'local', rollbar: 'local' });
    expect(rollbarEnvironment({ ...token, DEPLOYMENT_ENVIRONMENT: 'staging' })).toEqual({
      logs: 'staging',
      rollbar: 'staging',
    });
  });

  it('is ROLLBAR_ENVIRONMENT when that is set', () => {
    expect(rollbarEnvironment({ ...token, ROLLBAR_ENVIRONMENT: 'demo' })).toEqual({ logs: 'local', rollbar: 'demo' });
  });
});
