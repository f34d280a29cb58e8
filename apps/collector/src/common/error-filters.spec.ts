import { type ArgumentsHost, type ExceptionFilter, Logger, ServiceUnavailableException } from '@nestjs/common';
import { AllExceptionsFilter } from '@app/platform';
import { CloudWatchErrorFilter } from '../logs/cloudwatch-error.filter';
import { OtlpErrorFilter } from '../otlp/otlp-error.filter';
import { RollbarErrorFilter } from '../rollbar/rollbar-error.filter';
import { XrayErrorFilter } from '../xray/xray-error.filter';
import { StatsService } from './stats.service';

/** What an answer must never show: a stack frame, a file path, an address inside the deployment. */
const LEAKS = [/\bat .*:\d+:\d+/, /\/srv\//, /10\.0\.0\.7/];

/** A fake Express request/response pair that records what was written. */
function exchange(): { host: ArgumentsHost; answer: () => { status?: number; body: string } } {
  let status: number | undefined;
  let body = '';
  const response = {
    headersSent: false,
    status: (code: number) => ((status = code), response),
    type: () => response,
    setHeader: () => response,
    json: (value: unknown) => ((body = JSON.stringify(value)), response),
    send: (value: unknown) => ((body = Buffer.isBuffer(value) ? value.toString('latin1') : String(value)), response),
    writeHead: (code: number) => ((status = code), response),
    end: (value?: string) => void (value !== undefined && (body = value)),
  };
  const request = { method: 'POST', originalUrl: '/v1/traces', path: '/TraceSegments', headers: {}, is: () => false };
  const host = {
    getType: () => 'http',
    switchToHttp: () => ({ getRequest: () => request, getResponse: () => response }),
  } as unknown as ArgumentsHost;
  return { host, answer: () => ({ status, body }) };
}

function unexpected(): Error {
  const error = new TypeError('Cannot read properties of undefined, in /srv/collector/dist/store.js');
  error.stack = `${error.message}\n    at Store.add (/srv/collector/dist/store.js:42:13)`;
  return error;
}

const filters: Array<[string, () => ExceptionFilter]> = [
  ['OTLP', () => new OtlpErrorFilter()],
  ['Rollbar', () => new RollbarErrorFilter(new StatsService())],
  ['CloudWatch Logs', () => new CloudWatchErrorFilter(new StatsService())],
  ['X-Ray', () => new XrayErrorFilter(new StatsService())],
  ['read API (the platform filter)', () => new AllExceptionsFilter()],
];

describe("the collector's error answers", () => {
  beforeEach(() => {
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  it.each(filters)('%s: an unexpected error is a 500 with a fixed message, logged, not shown', (_, make) => {
    const { host, answer } = exchange();
    make().catch(unexpected(), host);
    expect(answer().status).toBe(500);
    for (const leak of LEAKS) expect(answer().body).not.toMatch(leak);
    expect(Logger.prototype.error).toHaveBeenCalledWith(expect.stringContaining('/srv/collector/dist/store.js:42:13'));
  });

  // The collector's protocol filters treat any 5xx as unexpected (the platform filter lets HttpExceptions speak for themselves).
  it.each(filters.slice(0, 4))('%s: a 5xx HttpException does not show its message either', (_, make) => {
    const { host, answer } = exchange();
    make().catch(
      new ServiceUnavailableException('connect ECONNREFUSED 10.0.0.7:5432 from /srv/collector/dist/x.js'),
      host,
    );
    expect(answer().status).toBeGreaterThanOrEqual(500);
    for (const leak of LEAKS) expect(answer().body).not.toMatch(leak);
  });
});
