import { IsDefined, IsIn, IsString, IsUUID, Matches } from 'class-validator';
import { MaxGraphemes } from './max-graphemes.decorator';
import { NOTIFICATION_KINDS, type NotificationKind } from './notification.model';
import { HANDLE_PATTERN, REPLY_MESSAGE_MAX_CHARS, ValidationCode } from './validation-codes';

/** Payload of `notifications.list`. */
export class ListNotificationsDto {
  @Matches(HANDLE_PATTERN, { message: ValidationCode.HandleInvalid })
  @IsString({ message: ValidationCode.HandleInvalid })
  @IsDefined({ message: ValidationCode.HandleBlank })
  handle!: string;
}

/** Payload of `notifications.create`. Checks run bottom-up, as in CreateActivityDto. */
export class CreateNotificationDto {
  @Matches(HANDLE_PATTERN, { message: ValidationCode.HandleInvalid })
  @IsString({ message: ValidationCode.HandleInvalid })
  @IsDefined({ message: ValidationCode.HandleBlank })
  handle!: string;

  @IsIn(NOTIFICATION_KINDS, { message: ValidationCode.KindInvalid })
  kind!: NotificationKind;

  @Matches(HANDLE_PATTERN, { message: ValidationCode.HandleInvalid })
  @IsString({ message: ValidationCode.HandleInvalid })
  @IsDefined({ message: ValidationCode.HandleBlank })
  from_handle!: string;

  @MaxGraphemes(REPLY_MESSAGE_MAX_CHARS, { message: ValidationCode.MessageTooLong })
  @IsString({ message: ValidationCode.MessageInvalid })
  @IsDefined({ message: ValidationCode.MessageBlank })
  message!: string;

  @IsUUID('all', { message: ValidationCode.ActivityUuidInvalid })
  activity_uuid!: string;
}
