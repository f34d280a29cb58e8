import { IsDefined, IsIn, IsString, Matches, MaxLength } from 'class-validator';
import { TTL_VALUES, type Ttl } from './ttl';
import { ACTIVITY_MESSAGE_MAX_CHARS, HANDLE_PATTERN, ValidationCode } from './validation-codes';

/*
 * Decorators run bottom-up and validation stops at a property's first failure,
 * so each property lists its checks from the most specific (last to run) to
 * "present at all" (first to run).
 */

/** Body of `POST /api/activities`. */
export class CreateActivityDto {
  @Matches(HANDLE_PATTERN, { message: ValidationCode.HandleInvalid })
  @Matches(/\S/, { message: ValidationCode.HandleBlank })
  @IsString({ message: ValidationCode.HandleInvalid })
  @IsDefined({ message: ValidationCode.HandleBlank })
  handle!: string;

  @MaxLength(ACTIVITY_MESSAGE_MAX_CHARS, { message: ValidationCode.MessageTooLong })
  @Matches(/\S/, { message: ValidationCode.MessageBlank })
  @IsString({ message: ValidationCode.MessageInvalid })
  @IsDefined({ message: ValidationCode.MessageBlank })
  message!: string;

  @IsIn(TTL_VALUES, { message: ValidationCode.TtlInvalid })
  @Matches(/\S/, { message: ValidationCode.TtlBlank })
  @IsString({ message: ValidationCode.TtlInvalid })
  @IsDefined({ message: ValidationCode.TtlBlank })
  ttl!: Ttl;
}
