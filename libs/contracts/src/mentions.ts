import { HANDLE_PATTERN } from './validation-codes';

// An @ that does not follow a word character (so e-mail addresses are not mentions).
const MENTION = /(?<![\w@])@([A-Za-z0-9_]{1,32})(?![A-Za-z0-9_])/g;

/** Handles mentioned as `@handle` in a message: deduplicated (case-insensitively), in order of appearance. */
export function extractMentions(message: string): string[] {
  const seen = new Set<string>();
  const mentions: string[] = [];
  for (const match of message.matchAll(MENTION)) {
    const handle = match[1];
    const key = handle.toLowerCase();
    if (HANDLE_PATTERN.test(handle) && !seen.has(key)) {
      seen.add(key);
      mentions.push(handle);
    }
  }
  return mentions;
}
