import { IsDefined, IsString, Matches, MaxLength } from 'class-validator';
import { HANDLE_PATTERN, REPLY_MESSAGE_MAX_CHARS, ValidationCode } from './validation-codes';

/** Body of `POST /api/activities/:uuid/reply`. Checks run bottom-up, as in CreateActivityDto. */
export class CreateReplyDto {
  @Matches(HANDLE_PATTERN, { message: ValidationCode.HandleInvalid })
  @Matches(/\S/, { message: ValidationCode.HandleBlank })
  @IsString({ message: ValidationCode.HandleInvalid })
  @IsDefined({ message: ValidationCode.HandleBlank })
  handle!: string;

  @MaxLength(REPLY_MESSAGE_MAX_CHARS, { message: ValidationCode.MessageTooLong })
  @Matches(/\S/, { message: ValidationCode.MessageBlank })
  @IsString({ message: ValidationCode.MessageInvalid })
  @IsDefined({ message: ValidationCode.MessageBlank })
  message!: string;
}
