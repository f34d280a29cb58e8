import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { ActivitySchema } from './activity.schema';
import { NOTIFICATION_KINDS, type NotificationKind, type NotificationWithActivity } from './notification.model';
import { SeedExample } from './seed.examples';
import { graphemeLimitText, maxCodeUnitsFor } from './max-graphemes.decorator';
import { HANDLE_PATTERN, REPLY_MESSAGE_MAX_CHARS } from './validation-codes';

/** A notification joined with its activity, as the API answers it (the model's interface, as a schema). */
@ApiSchema({ name: 'Notification', description: 'A notification, joined with the activity it concerns.' })
export class NotificationSchema implements NotificationWithActivity {
  @ApiProperty({ format: 'uuid', example: SeedExample.notificationUuid })
  uuid!: string;

  @ApiProperty({ description: 'The user who receives it.', pattern: HANDLE_PATTERN, example: SeedExample.handle })
  handle!: string;

  @ApiProperty({
    enum: NOTIFICATION_KINDS,
    enumName: 'NotificationKind',
    description:
      '`mention`: `from_handle` mentioned `handle` in an activity; `reply`: replied to an activity of theirs.',
    example: 'mention',
  })
  kind!: NotificationKind;

  @ApiProperty({
    description: 'The user whose action raised it.',
    pattern: HANDLE_PATTERN,
    example: SeedExample.notificationFrom,
  })
  from_handle!: string;

  @ApiProperty({
    description: `The mentioning activity's message, or the reply's: ${graphemeLimitText(REPLY_MESSAGE_MAX_CHARS)}.`,
    minLength: 1,
    maxLength: maxCodeUnitsFor(REPLY_MESSAGE_MAX_CHARS),
    example: SeedExample.notificationMessage,
  })
  message!: string;

  @ApiProperty({ format: 'uuid', description: 'The activity it concerns.', example: SeedExample.activityUuid })
  activity_uuid!: string;

  @ApiProperty({ format: 'date-time', example: SeedExample.createdAt })
  created_at!: string;

  @ApiProperty({
    type: () => ActivitySchema,
    nullable: true,
    description: 'The activity it concerns; null once that activity has expired (or was evicted).',
  })
  activity!: ActivitySchema | null;
}
