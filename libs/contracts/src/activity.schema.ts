import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import type { Activity, Reply } from './activity.model';
import { graphemeLimitText, maxCodeUnitsFor } from './max-graphemes.decorator';
import { SeedExample } from './seed.examples';
import { ACTIVITY_MESSAGE_MAX_CHARS, HANDLE_PATTERN, REPLY_MESSAGE_MAX_CHARS } from './validation-codes';

/*
 * The models as OpenAPI schemas. They implement the interfaces, so TypeScript
 * keeps a field renamed or added on one side in step on the other.
 */

const COUNT = { type: 'integer', minimum: 0 } as const;

/** A reply, as the API answers it. */
@ApiSchema({ name: 'Reply', description: 'A reply to an activity.' })
export class ReplySchema implements Reply {
  @ApiProperty({ format: 'uuid', example: SeedExample.replyUuid })
  uuid!: string;

  @ApiProperty({ format: 'uuid', description: 'The activity replied to.', example: SeedExample.activityUuid })
  reply_to_activity_uuid!: string;

  @ApiProperty({ description: 'The author.', pattern: HANDLE_PATTERN, example: SeedExample.replyHandle })
  handle!: string;

  @ApiProperty({ example: 'Worf' })
  display_name!: string;

  @ApiProperty({
    description: `The reply: ${graphemeLimitText(REPLY_MESSAGE_MAX_CHARS)}.`,
    minLength: 1,
    maxLength: maxCodeUnitsFor(REPLY_MESSAGE_MAX_CHARS),
    example: SeedExample.replyMessage,
  })
  message!: string;

  @ApiProperty(COUNT)
  likes_count!: number;

  @ApiProperty(COUNT)
  replies_count!: number;

  @ApiProperty(COUNT)
  reposts_count!: number;

  @ApiProperty({ format: 'date-time', example: SeedExample.createdAt })
  created_at!: string;
}

/** An activity with its replies, as the API answers it. */
@ApiSchema({ name: 'Activity', description: 'A post on the micro-blog, with its replies.' })
export class ActivitySchema implements Activity {
  @ApiProperty({ format: 'uuid', example: SeedExample.activityUuid })
  uuid!: string;

  @ApiProperty({ description: 'The author.', pattern: HANDLE_PATTERN, example: SeedExample.handle })
  handle!: string;

  @ApiProperty({ example: SeedExample.displayName })
  display_name!: string;

  @ApiProperty({
    description: `The post: ${graphemeLimitText(ACTIVITY_MESSAGE_MAX_CHARS)}.`,
    minLength: 1,
    maxLength: maxCodeUnitsFor(ACTIVITY_MESSAGE_MAX_CHARS),
    example: SeedExample.message,
  })
  message!: string;

  @ApiProperty({ format: 'date-time', example: SeedExample.createdAt })
  created_at!: string;

  @ApiProperty({
    format: 'date-time',
    description: 'Past it, the activity is no longer listed.',
    example: SeedExample.expiresAt,
  })
  expires_at!: string;

  @ApiProperty(COUNT)
  likes_count!: number;

  @ApiProperty(COUNT)
  replies_count!: number;

  @ApiProperty(COUNT)
  reposts_count!: number;

  @ApiProperty({ type: () => [ReplySchema], description: 'Oldest first.' })
  replies!: ReplySchema[];
}
