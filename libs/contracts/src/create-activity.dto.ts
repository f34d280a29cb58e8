import { ApiProperty } from '@nestjs/swagger';
import { IsDefined, IsIn, IsString, Matches } from 'class-validator';
import { MaxGraphemes, graphemeLimitText, maxCodeUnitsFor } from './max-graphemes.decorator';
import { TTL_VALUES, type Ttl } from './ttl';
import { ACTIVITY_MESSAGE_MAX_CHARS, HANDLE_PATTERN, ValidationCode } from './validation-codes';

/*
 * Decorators run bottom-up and validation stops at a property's first failure,
 * so each property lists its checks from the most specific (last to run) to
 * "present at all" (first to run). The @ApiProperty on top says the same rules
 * in OpenAPI's terms; unknown fields are dropped, not refused, so the schema stays open.
 */

/** Body of `POST /api/activities`. */
export class CreateActivityDto {
  @ApiProperty({
    description: 'The author: a known user (`handle_unknown` otherwise), matched case-insensitively.',
    pattern: HANDLE_PATTERN,
    example: 'worf',
  })
  @Matches(HANDLE_PATTERN, { message: ValidationCode.HandleInvalid })
  @Matches(/\S/, { message: ValidationCode.HandleBlank })
  @IsString({ message: ValidationCode.HandleInvalid })
  @IsDefined({ message: ValidationCode.HandleBlank })
  handle!: string;

  @ApiProperty({
    description: `Not blank; ${graphemeLimitText(ACTIVITY_MESSAGE_MAX_CHARS)}. Every known \`@handle\` in it gets a notification.`,
    minLength: 1,
    maxLength: maxCodeUnitsFor(ACTIVITY_MESSAGE_MAX_CHARS),
    pattern: '\\S',
    example: 'Today is a good day, @garek',
  })
  @MaxGraphemes(ACTIVITY_MESSAGE_MAX_CHARS, { message: ValidationCode.MessageTooLong })
  @Matches(/\S/, { message: ValidationCode.MessageBlank })
  @IsString({ message: ValidationCode.MessageInvalid })
  @IsDefined({ message: ValidationCode.MessageBlank })
  message!: string;

  @ApiProperty({
    description: 'How long the activity is listed.',
    enum: TTL_VALUES,
    enumName: 'Ttl',
    example: '7-days',
  })
  @IsIn(TTL_VALUES, { message: ValidationCode.TtlInvalid })
  @Matches(/\S/, { message: ValidationCode.TtlBlank })
  @IsString({ message: ValidationCode.TtlInvalid })
  @IsDefined({ message: ValidationCode.TtlBlank })
  ttl!: Ttl;
}
