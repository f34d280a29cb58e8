import { CloudWatchLogsErrors } from '../cloudwatch-logs.errors';

/**
 * One page of a list and the token of the next (undefined on the last page).
 * Tokens are opaque to clients: base64url of the offset.
 */
export function paginate<T>(items: T[], limit: number, token: string | undefined): { page: T[]; nextToken?: string } {
  const offset = token === undefined ? 0 : decodeOffset(token);
  const page = items.slice(offset, offset + limit);
  const next = offset + page.length;
  return next < items.length ? { page, nextToken: Buffer.from(`o:${next}`).toString('base64url') } : { page };
}

function decodeOffset(token: string): number {
  const match = /^o:(\d{1,9})$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  if (!match) throw CloudWatchLogsErrors.invalidParameter('The specified nextToken is invalid.');
  return Number(match[1]);
}
