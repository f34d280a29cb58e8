import { IsDefined, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { HANDLE_PATTERN, SEARCH_TERM_MAX_CHARS, ValidationCode } from './validation-codes';

/** Query of `GET /api/activities/search`. Checks run bottom-up, as in CreateActivityDto. */
export class SearchQueryDto {
  @MaxLength(SEARCH_TERM_MAX_CHARS, { message: ValidationCode.TermTooLong })
  @Matches(/\S/, { message: ValidationCode.TermBlank })
  @IsString({ message: ValidationCode.TermBlank })
  @IsDefined({ message: ValidationCode.TermBlank })
  term!: string;
}

/** Query of `GET /api/activities/notifications`; the handle defaults to the original app's demo user. */
export class NotificationsQueryDto {
  @Matches(HANDLE_PATTERN, { message: ValidationCode.HandleInvalid })
  @IsString({ message: ValidationCode.HandleInvalid })
  @IsOptional()
  handle?: string;
}
