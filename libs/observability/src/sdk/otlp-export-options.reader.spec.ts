import { ConfigError } from '@app/common';
import { readOtlpExportOptions } from './otlp-export-options.reader';

describe('readOtlpExportOptions', () => {
  it('defaults to the collector over http/protobuf', () => {
    expect(readOtlpExportOptions({})).toEqual({
      url: 'http://127.0.0.1:4318/v1/traces',
      headers: {},
      protocol: 'http/protobuf',
      timeoutMs: 10_000,
      compression: 'none',
      scheduledDelayMs: 200,
      batchExportTimeoutMs: 5000,
      maxQueueSize: 2048,
    });
  });

  it('appends /v1/traces to the generic endpoint, and takes the traces endpoint as it is', () => {
    expect(readOtlpExportOptions({ OTEL_EXPORTER_OTLP_ENDPOINT: 'https://api.honeycomb.io' }).url).toBe(
      'https://api.honeycomb.io/v1/traces',
    );
    expect(readOtlpExportOptions({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel:4318/base/' }).url).toBe(
      'http://otel:4318/base/v1/traces',
    );
    const both = {
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://first:4318',
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://second:9999/custom/path',
    };
    expect(readOtlpExportOptions(both).url).toBe('http://second:9999/custom/path');
  });

  it('merges generic and traces headers, the traces ones winning, values percent-decoded', () => {
    const options = readOtlpExportOptions({
      OTEL_EXPORTER_OTLP_HEADERS: 'x-honeycomb-team=generic,x-honeycomb-dataset=cruddur%20app',
      OTEL_EXPORTER_OTLP_TRACES_HEADERS: 'X-Honeycomb-Team=traces',
    });
    expect(options.headers).toEqual({ 'x-honeycomb-team': 'traces', 'x-honeycomb-dataset': 'cruddur app' });
  });

  it('reads protocol, timeout and compression, the traces variable first', () => {
    const options = readOtlpExportOptions({
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'grpc',
      OTEL_EXPORTER_OTLP_TIMEOUT: '3000',
      OTEL_EXPORTER_OTLP_TRACES_COMPRESSION: 'gzip',
    });
    expect(options).toMatchObject({ protocol: 'grpc', timeoutMs: 3000, compression: 'gzip' });
    // gRPC has no path: the endpoint is the server's address (4317 by default).
    expect(options.url).toBe('http://127.0.0.1:4317');
  });

  it.each([
    [{ OTEL_EXPORTER_OTLP_PROTOCOL: 'thrift' }, /OTEL_EXPORTER_OTLP_PROTOCOL must be http\/protobuf, http\/json, grpc/],
    [{ OTEL_EXPORTER_OTLP_TRACES_TIMEOUT: 'soon' }, /OTEL_EXPORTER_OTLP_TRACES_TIMEOUT must be a positive integer/],
    [{ OTEL_EXPORTER_OTLP_COMPRESSION: 'zstd' }, /OTEL_EXPORTER_OTLP_COMPRESSION must be gzip, none/],
    [{ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'ftp://x' }, /OTEL_EXPORTER_OTLP_TRACES_ENDPOINT must be an http\(s\) URL/],
    [{ OTEL_EXPORTER_OTLP_HEADERS: 'novalue' }, /OTEL_EXPORTER_OTLP_HEADERS must be key=value pairs/],
    [{ OTEL_EXPORTER_OTLP_TRACES_HEADERS: 'a=%zz' }, /not valid percent-encoding/],
  ])('refuses %j with a message naming the variable', (env, message) => {
    expect(() => readOtlpExportOptions(env)).toThrow(ConfigError);
    expect(() => readOtlpExportOptions(env)).toThrow(message);
  });
});
