/**
 * Machine-readable codes a 422 answer lists in its `errors` array.
 * They follow the original app's style (`message_exceed_max_chars`, `ttl_blank`).
 */
export const ValidationCode = {
  HandleBlank: 'handle_blank',
  HandleInvalid: 'handle_invalid',
  HandleUnknown: 'handle_unknown',
  MessageBlank: 'blank_message',
  MessageInvalid: 'message_invalid',
  MessageTooLong: 'message_exceed_max_chars',
  TtlBlank: 'ttl_blank',
  TtlInvalid: 'ttl_invalid',
  TermBlank: 'term_blank',
  TermTooLong: 'term_exceed_max_chars',
  KindInvalid: 'kind_invalid',
  ActivityUuidInvalid: 'activity_uuid_invalid',
} as const;

export type ValidationCode = (typeof ValidationCode)[keyof typeof ValidationCode];

/** Handles are 1-32 letters, digits or underscores, as `@mentions` are written. */
export const HANDLE_PATTERN = /^[A-Za-z0-9_]{1,32}$/;
export const ACTIVITY_MESSAGE_MAX_CHARS = 280;
export const REPLY_MESSAGE_MAX_CHARS = 1024;
export const SEARCH_TERM_MAX_CHARS = 280;
