import { gzipSync } from 'node:zlib';
import { Body, Controller, type INestApplication, Post } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { MAX_JSON_DEPTH } from '@app/common';
import { AllExceptionsFilter } from './all-exceptions.filter';
import { useJsonBodies } from './json-body.reader';

@Controller()
class EchoController {
  @Post('echo')
  echo(@Body() body: unknown): unknown {
    return { body };
  }
}

const nested = (depth: number): string => `${'['.repeat(depth)}${']'.repeat(depth)}`;

describe('useJsonBodies', () => {
  let app: INestApplication;
  let url: string;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ controllers: [EchoController] }).compile();
    const nest = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, logger: false });
    useJsonBodies(nest, { limitBytes: 16 * 1024 });
    nest.useGlobalFilters(new AllExceptionsFilter());
    await nest.listen(0, '127.0.0.1');
    app = nest;
    url = `${await nest.getUrl()}/echo`.replace('[::1]', '127.0.0.1');
  });

  afterAll(() => app?.close());

  const post = async (body: Uint8Array | string, headers: Record<string, string> = {}) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: body as BodyInit,
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it('reads JSON up to the depth limit as it was sent', async () => {
    const text = JSON.stringify({ message: JSON.parse(nested(MAX_JSON_DEPTH - 1)) as unknown });
    expect(await post(text)).toEqual({ status: 201, body: { body: JSON.parse(text) as unknown } });
    expect(await post('{"message":"é ❤️ 👩‍💻"}')).toEqual({ status: 201, body: { body: { message: 'é ❤️ 👩‍💻' } } });
  });

  it('refuses deeper nesting before parsing, naming the limit', async () => {
    for (const text of [nested(MAX_JSON_DEPTH + 1), `{"message":${nested(900)}}`]) {
      expect(await post(text)).toEqual({
        status: 400,
        body: {
          statusCode: 400,
          error: 'Bad Request',
          message: expect.stringMatching(
            /^Request body is not valid JSON: JSON nests deeper than 64 levels \(at position \d+\)$/,
          ),
        },
      });
    }
  });

  it.each([
    ['a lone continuation byte', [0x80]],
    ['bytes that are never UTF-8', [0xff, 0xfe]],
    ['a truncated sequence', [0xe2, 0x82]],
    ['an overlong encoding', [0xc0, 0xaf]],
    ['a surrogate encoded in UTF-8', [0xed, 0xa0, 0x80]],
  ])('refuses %s instead of storing U+FFFD', async (_label, bytes) => {
    const body = Buffer.concat([Buffer.from('{"message":"a'), Buffer.from(bytes), Buffer.from('b"}')]);
    expect(await post(body)).toEqual({
      status: 400,
      body: {
        statusCode: 400,
        error: 'Bad Request',
        message: expect.stringMatching(/^Request body is not valid UTF-8/),
      },
    });
  });

  it('checks the inflated body: a gzip bomb gets 413, a deep gzipped body 400', async () => {
    const bomb = gzipSync(JSON.stringify({ message: ' '.repeat(10 * 1024 * 1024) }));
    expect(bomb.length).toBeLessThan(16 * 1024);
    expect(await post(bomb, { 'content-encoding': 'gzip' })).toMatchObject({
      status: 413,
      body: { message: 'Request body is larger than the limit of 16384 bytes' },
    });
    expect((await post(gzipSync(nested(200)), { 'content-encoding': 'gzip' })).status).toBe(400);
  });

  it('reads UTF-16 bodies too, with the same depth limit', async () => {
    const headers = { 'content-type': 'application/json; charset=utf-16le' };
    expect(await post(Buffer.from('{"a":[1]}', 'utf16le'), headers)).toEqual({
      status: 201,
      body: { body: { a: [1] } },
    });
    expect((await post(Buffer.from(nested(100), 'utf16le'), headers)).status).toBe(400);
  });

  it('still refuses bodies that are not declared JSON', async () => {
    expect((await post('{}', { 'content-type': 'text/plain' })).status).toBe(415);
  });

  it('answers an unsupported charset or encoding with 415 and the matching error phrase', async () => {
    expect(await post('{}', { 'content-type': 'application/json; charset=latin1' })).toEqual({
      status: 415,
      body: {
        statusCode: 415,
        error: 'Unsupported Media Type',
        message: 'Request body encoding is not supported: unsupported charset "LATIN1"',
      },
    });
    expect(await post('{}', { 'content-encoding': 'compress' })).toEqual({
      status: 415,
      body: {
        statusCode: 415,
        error: 'Unsupported Media Type',
        message: 'Request body encoding is not supported: unsupported content encoding "compress"',
      },
    });
  });

  it('answers a body that does not inflate as declared with 400 and a message saying so', async () => {
    for (const encoding of ['gzip', 'br', 'deflate']) {
      const answer = await post('{"message":"not compressed"}', { 'content-encoding': encoding });
      expect(answer).toEqual({
        status: 400,
        body: {
          statusCode: 400,
          error: 'Bad Request',
          message: expect.stringMatching(new RegExp(`^Request body is not valid ${encoding} data: .+`)),
        },
      });
    }
  });
});
