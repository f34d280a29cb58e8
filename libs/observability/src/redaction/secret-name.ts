/**
 * Words that make a name a secret's wherever they stand in it: a header, a body field, a log
 * field, a span attribute (`x-api-key`, `refreshToken`, `client_secret`, `http.request.header.authorization`).
 * `key` counts where a word ends (`apiKey`, `stripe_key`, `signing-keys`), not inside one (`keyboard`).
 */
const SECRET_WORD =
  '(?:passw(?:or)?d|passphrase|pwd|secret|token|authorization|cookie|credential|api[-_]?key|keys?(?![a-z]))';

/** Names that are secrets on their own, but too common inside other words to look for there. */
const SECRET_WHOLE_NAME = '(?:pass|pw)';

/**
 * The rule for a secret's name, as regex source for Rollbar's `scrubFields`: a whole name holding
 * one of the secret words, or a short name on its own. Rollbar embeds it in its own anchored,
 * case-insensitive regexes (for keys, and for `name=value` in every string it sends), so: no
 * anchors, no capturing groups, and bounded repeats (unbounded ones around the words would be
 * quadratic on a long string); `&`, `=` and spaces end a name.
 */
export const SECRET_NAME_SOURCE = `(?:[^&=\\s]{0,40}${SECRET_WORD}[^&=\\s]{0,40}|${SECRET_WHOLE_NAME})`;

// The same rule for our own checks, without the length bound: a name of any length is looked at.
const SECRET_NAME = new RegExp(`${SECRET_WORD}|^${SECRET_WHOLE_NAME}$`, 'i');

/** Names remembered by {@link isSecretName}; when full, it starts over (a cache, not data: nothing is lost). */
export const SECRET_NAME_CACHE_LIMIT = 2048;
/** Longer names are tested each time rather than remembered, so hostile names cannot fill the cache with bulk. */
const MAX_CACHED_NAME_LENGTH = 128;
const verdicts = new Map<string, boolean>();

/**
 * Whether a name (a header, a body or log field, a span attribute) holds a credential or session
 * data, by {@link SECRET_NAME_SOURCE}'s rule (case-insensitive). Its value is never logged,
 * reported or exported; over-redacting a harmless name is the safe mistake.
 *
 * Asked for every attribute of every span (redaction, then the X-Ray conversion) and every log
 * field, mostly about the same few dozen names: the verdicts are remembered, within
 * {@link SECRET_NAME_CACHE_LIMIT} names.
 */
export function isSecretName(name: string): boolean {
  const known = verdicts.get(name);
  if (known !== undefined) return known;
  const secret = SECRET_NAME.test(name);
  if (name.length <= MAX_CACHED_NAME_LENGTH) {
    if (verdicts.size >= SECRET_NAME_CACHE_LIMIT) verdicts.clear();
    verdicts.set(name, secret);
  }
  return secret;
}
