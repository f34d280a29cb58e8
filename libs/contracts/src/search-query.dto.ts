import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsOptional, IsString, Matches } from 'class-validator';
import { MaxGraphemes, graphemeLimitText, maxCodeUnitsFor } from './max-graphemes.decorator';
import { HANDLE_PATTERN, SEARCH_TERM_MAX_CHARS, ValidationCode } from './validation-codes';

/** Query of `GET /api/activities/search`. Checks run bottom-up, as in CreateActivityDto. */
export class SearchQueryDto {
  @ApiProperty({
    description: `Found in the message, case-insensitively. Not blank (\`term_blank\`); ${graphemeLimitText(SEARCH_TERM_MAX_CHARS)}.`,
    minLength: 1,
    maxLength: maxCodeUnitsFor(SEARCH_TERM_MAX_CHARS),
    pattern: '\\S',
    example: 'prune',
  })
  @MaxGraphemes(SEARCH_TERM_MAX_CHARS, { message: ValidationCode.TermTooLong })
  @Matches(/\S/, { message: ValidationCode.TermBlank })
  @IsString({ message: ValidationCode.TermBlank })
  @IsDefined({ message: ValidationCode.TermBlank })
  term!: string;
}

/** The user of the original app's demo, whose notifications are shown when none is asked for. */
export const DEFAULT_NOTIFICATIONS_HANDLE = 'andrewbrown';

/** Query of `GET /api/activities/notifications`; the handle defaults to the original app's demo user. */
export class NotificationsQueryDto {
  @ApiPropertyOptional({
    description: 'Whose notifications.',
    pattern: HANDLE_PATTERN,
    default: DEFAULT_NOTIFICATIONS_HANDLE,
    example: 'worf',
  })
  @Matches(HANDLE_PATTERN, { message: ValidationCode.HandleInvalid })
  @IsString({ message: ValidationCode.HandleInvalid })
  @IsOptional()
  handle?: string;
}
