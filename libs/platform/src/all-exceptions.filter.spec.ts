import { type ArgumentsHost, HttpException, InternalServerErrorException, Logger } from '@nestjs/common';
import { firstValueFrom, type Observable } from 'rxjs';
import { AllExceptionsFilter } from './all-exceptions.filter';
import { DependencyFailedException, DependencyUnavailableException, publicMessageOf } from './dependency.exceptions';

/** What an error answer must never show: a stack frame, a file path, an address inside the deployment. */
const LEAKS = [/\bat .*:\d+:\d+/, /\/srv\//, /node:internal/, /10\.0\.0\.7/, /:5432/];

/** An ECONNREFUSED as Node raises it: its message names the address, its stack the files. */
function refused(): Error {
  const error = Object.assign(new Error('connect ECONNREFUSED 10.0.0.7:5432'), { code: 'ECONNREFUSED' });
  error.stack = `${error.message}\n    at TCPConnectWrap.afterConnect (node:internal/net:1611:16)\n    at connect (/srv/app/dist/client.js:12:7)`;
  return error;
}

function unexpected(): Error {
  const error = new TypeError("Cannot read properties of undefined (reading 'handle') in /srv/app/dist/service.js");
  error.stack = `${error.message}\n    at Service.list (/srv/app/dist/service.js:42:13)`;
  return error;
}

function answerOverHttp(exception: unknown): { status?: number; body?: unknown } {
  const sent: { status?: number; body?: unknown } = {};
  const response = {
    headersSent: false,
    status(code: number) {
      sent.status = code;
      return response;
    },
    json(body: unknown) {
      sent.body = body;
      return response;
    },
    end: () => undefined,
  };
  const host = {
    getType: () => 'http',
    switchToHttp: () => ({
      getResponse: () => response,
      getRequest: () => ({ method: 'GET', originalUrl: '/api/activities/home' }),
    }),
  } as unknown as ArgumentsHost;
  new AllExceptionsFilter().catch(exception, host);
  return sent;
}

async function answerOverTcp(exception: unknown): Promise<unknown> {
  const host = {
    getType: () => 'rpc',
    switchToRpc: () => ({ getContext: () => ({ getPattern: () => 'notifications.list' }) }),
  } as unknown as ArgumentsHost;
  const answer = new AllExceptionsFilter().catch(exception, host) as Observable<never>;
  return firstValueFrom(answer).catch((error: unknown) => error);
}

describe('error answers carry no stack trace, file path or internal address', () => {
  let logged: string[];

  beforeEach(() => {
    logged = [];
    jest.spyOn(Logger.prototype, 'error').mockImplementation((message: unknown) => void logged.push(String(message)));
    jest.spyOn(Logger.prototype, 'warn').mockImplementation((message: unknown) => void logged.push(String(message)));
  });
  afterEach(() => jest.restoreAllMocks());

  const cases: Array<[string, () => unknown, number, string]> = [
    ['an unexpected error (500)', unexpected, 500, 'Internal server error'],
    [
      'a dependency refusing connections (503)',
      () => new DependencyUnavailableException('activities', refused()),
      503,
      'activities is unavailable (ECONNREFUSED)',
    ],
    [
      'a dependency answering something unexpected (502)',
      () => new DependencyFailedException('notifications', 'unexpected answer', unexpected()),
      502,
      'notifications failed: unexpected answer',
    ],
  ];

  it.each(cases)('over HTTP: %s', (_, make, status, message) => {
    const sent = answerOverHttp(make());
    expect(sent.status).toBe(status);
    expect(sent.body).toMatchObject({ statusCode: status, message });
    for (const leak of LEAKS) expect(JSON.stringify(sent.body)).not.toMatch(leak);
    // The details are not lost: the log line has them.
    expect(logged.join('\n')).toMatch(/\/srv\/app|10\.0\.0\.7:5432/);
  });

  it.each(cases)('over TCP: %s', async (_, make, status, message) => {
    const answer = await answerOverTcp(make());
    expect(answer).toMatchObject({ statusCode: status, message });
    for (const leak of LEAKS) expect(JSON.stringify(answer)).not.toMatch(leak);
  });

  it('keeps the details in the error itself, for logs, traces and error reports', () => {
    const error = new DependencyUnavailableException('activities', refused());
    expect(error.message).toBe('activities is unavailable: connect ECONNREFUSED 10.0.0.7:5432');
    expect(error.cause).toBeInstanceOf(Error);
  });

  it("shows an HttpException's own answer message, and nothing of other errors", () => {
    expect(publicMessageOf(new DependencyUnavailableException('activities', refused()))).toBe(
      'activities is unavailable (ECONNREFUSED)',
    );
    expect(publicMessageOf(new HttpException('plain', 418))).toBe('plain');
    expect(publicMessageOf(new InternalServerErrorException({ statusCode: 500 }))).toBe('unexpected error');
    expect(publicMessageOf(unexpected())).toBe('unexpected error');
  });
});
