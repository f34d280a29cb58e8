/**
 * The value without the optional whitespace (spaces and horizontal tabs,
 * RFC 9110's OWS) at either end. A loop rather than a regular expression:
 * `/[ \t]+$/` takes quadratic time on a long run of spaces followed by a
 * letter, and these values come from the network.
 */
export function trimOptionalWhitespace(value: string): string {
  let start = 0;
  let end = value.length;
  while (start < end && isOws(value.charCodeAt(start))) start++;
  while (end > start && isOws(value.charCodeAt(end - 1))) end--;
  return start === 0 && end === value.length ? value : value.slice(start, end);
}

function isOws(code: number): boolean {
  return code === 0x20 || code === 0x09;
}
