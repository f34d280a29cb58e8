import { ApiProperty } from '@nestjs/swagger';
import { IsDefined, IsString, Matches } from 'class-validator';
import { MaxGraphemes, graphemeLimitText, maxCodeUnitsFor } from './max-graphemes.decorator';
import { SeedExample } from './seed.examples';
import { HANDLE_PATTERN, REPLY_MESSAGE_MAX_CHARS, ValidationCode } from './validation-codes';

/** Body of `POST /api/activities/:uuid/reply`. Checks run bottom-up, as in CreateActivityDto. */
export class CreateReplyDto {
  @ApiProperty({
    description: 'The author: a known user (`handle_unknown` otherwise), matched case-insensitively.',
    pattern: HANDLE_PATTERN,
    example: SeedExample.replyHandle,
  })
  @Matches(HANDLE_PATTERN, { message: ValidationCode.HandleInvalid })
  @Matches(/\S/, { message: ValidationCode.HandleBlank })
  @IsString({ message: ValidationCode.HandleInvalid })
  @IsDefined({ message: ValidationCode.HandleBlank })
  handle!: string;

  @ApiProperty({
    description: `Not blank; ${graphemeLimitText(REPLY_MESSAGE_MAX_CHARS)}.`,
    minLength: 1,
    maxLength: maxCodeUnitsFor(REPLY_MESSAGE_MAX_CHARS),
    pattern: '\\S',
    example: SeedExample.replyMessage,
  })
  @MaxGraphemes(REPLY_MESSAGE_MAX_CHARS, { message: ValidationCode.MessageTooLong })
  @Matches(/\S/, { message: ValidationCode.MessageBlank })
  @IsString({ message: ValidationCode.MessageInvalid })
  @IsDefined({ message: ValidationCode.MessageBlank })
  message!: string;
}
