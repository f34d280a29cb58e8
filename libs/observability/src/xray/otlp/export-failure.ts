import type { IncomingHttpHeaders } from 'node:http';
import type { AwsCredentialIdentity } from '@smithy/types';

/** The longest piece of an endpoint's error message that goes into an export error. */
const MAX_MESSAGE_LENGTH = 300;

/**
 * The message of a refused export: `X-Ray OTLP endpoint answered 403: The security token included in
 * the request is invalid`. The detail is AWS's error message from a JSON body (`message` or
 * `Message`), else the first line of a text body, else the `x-amzn-errortype` header; the secrets of
 * `credentials` are cut out of it before it is shortened.
 */
export function describeRefusal(
  status: number,
  headers: IncomingHttpHeaders,
  body: Buffer,
  credentials?: AwsCredentialIdentity,
): string {
  const raw = awsErrorMessage(headers, body.toString('utf8').trim());
  const detail = raw === undefined ? undefined : firstLine(withoutSecrets(raw, credentials));
  return `X-Ray OTLP endpoint answered ${status}${detail ? `: ${detail}` : ''}`;
}

function awsErrorMessage(headers: IncomingHttpHeaders, text: string): string | undefined {
  const type = String(headers['content-type'] ?? '').toLowerCase();
  if (type.includes('json') || text.startsWith('{')) {
    try {
      const parsed = JSON.parse(text) as { message?: unknown; Message?: unknown };
      const message = parsed.message ?? parsed.Message;
      if (typeof message === 'string' && message.trim()) return message;
    } catch {
      // Not JSON after all: the other sources below.
    }
  }
  if (type.startsWith('text/') && text) return text;
  const errorType = headers['x-amzn-errortype'];
  return typeof errorType === 'string' && errorType ? errorType.split(':')[0] : undefined;
}

function firstLine(text: string): string {
  const line = text.trim().split(/\r?\n/, 1)[0].trim();
  return line.length > MAX_MESSAGE_LENGTH ? `${line.slice(0, MAX_MESSAGE_LENGTH)}…` : line;
}

/**
 * `message` with the secret parts of `credentials` replaced: AWS's signature errors can quote the
 * canonical request, which holds the session token, and an endpoint may echo anything.
 */
export function withoutSecrets(message: string, credentials: AwsCredentialIdentity | undefined): string {
  let clean = message;
  for (const secret of [credentials?.secretAccessKey, credentials?.sessionToken]) {
    if (secret) clean = clean.split(secret).join('[REDACTED]');
  }
  return clean;
}
