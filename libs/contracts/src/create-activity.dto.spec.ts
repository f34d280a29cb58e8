import { UnprocessableEntityException } from '@nestjs/common';
import { createValidationPipe } from '@app/platform';
import { CreateActivityDto } from './create-activity.dto';
import { CreateReplyDto } from './create-reply.dto';

async function codesFor(metatype: new () => object, value: unknown): Promise<string[]> {
  try {
    await createValidationPipe().transform(value, { type: 'body', metatype });
  } catch (error) {
    expect(error).toBeInstanceOf(UnprocessableEntityException);
    return ((error as UnprocessableEntityException).getResponse() as { errors: string[] }).errors;
  }
  return [];
}

describe('CreateActivityDto', () => {
  const valid = { handle: 'worf', message: 'Today is a good day to die', ttl: '7-days' };

  it('accepts a valid body and drops unknown fields', async () => {
    const dto = await createValidationPipe().transform(
      { ...valid, admin: true },
      { type: 'body', metatype: CreateActivityDto },
    );
    expect(dto).toEqual(valid);
    expect(dto).toBeInstanceOf(CreateActivityDto);
  });

  it.each([
    ['nothing', {}, ['handle_blank', 'blank_message', 'ttl_blank']],
    ['null fields', { handle: null, message: null, ttl: null }, ['handle_blank', 'blank_message', 'ttl_blank']],
    ['blank strings', { handle: ' ', message: '\n\t', ttl: '' }, ['handle_blank', 'blank_message', 'ttl_blank']],
    ['wrong types', { handle: 1, message: ['x'], ttl: {} }, ['handle_invalid', 'message_invalid', 'ttl_invalid']],
    ['a handle with spaces', { ...valid, handle: 'lieutenant worf' }, ['handle_invalid']],
    ['281 characters', { ...valid, message: 'x'.repeat(281) }, ['message_exceed_max_chars']],
    ['an unknown ttl', { ...valid, ttl: '2-weeks' }, ['ttl_invalid']],
  ])('answers %s with %j', async (_label, body, codes) => {
    expect(await codesFor(CreateActivityDto, body)).toEqual(codes);
  });

  it('counts characters, not UTF-16 units: 280 emoji fit', async () => {
    expect(await codesFor(CreateActivityDto, { ...valid, message: '🖖'.repeat(280) })).toEqual([]);
    expect(await codesFor(CreateActivityDto, { ...valid, message: '🖖'.repeat(281) })).toEqual([
      'message_exceed_max_chars',
    ]);
  });

  it('counts grapheme clusters: 280 ZWJ emoji and decomposed accents fit, 281 do not', async () => {
    for (const character of ['👩‍💻', '❤️', 'e\u0301']) {
      expect(await codesFor(CreateActivityDto, { ...valid, message: character.repeat(280) })).toEqual([]);
      expect(await codesFor(CreateActivityDto, { ...valid, message: character.repeat(281) })).toEqual([
        'message_exceed_max_chars',
      ]);
    }
  });

  it('bounds zalgo text in code units, with the same code', async () => {
    const zalgo = `Z${'\u0336\u0334'.repeat(3000)}`;
    expect(await codesFor(CreateActivityDto, { ...valid, message: zalgo })).toEqual(['message_exceed_max_chars']);
  });

  it('accepts every ttl of the original app', async () => {
    for (const ttl of ['30-days', '7-days', '3-days', '1-day', '12-hours', '3-hours', '1-hour']) {
      expect(await codesFor(CreateActivityDto, { ...valid, ttl })).toEqual([]);
    }
  });
});

describe('CreateReplyDto', () => {
  it('allows 1024 characters and no more', async () => {
    expect(await codesFor(CreateReplyDto, { handle: 'garek', message: 'x'.repeat(1024) })).toEqual([]);
    expect(await codesFor(CreateReplyDto, { handle: 'garek', message: 'x'.repeat(1025) })).toEqual([
      'message_exceed_max_chars',
    ]);
  });
});
