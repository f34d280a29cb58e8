import { type Env, readHttpUrl } from '@app/common';

/** Where the suite's collector is, when nothing else is configured. */
export const LOCAL_COLLECTOR = 'http://127.0.0.1:4318';

/** What the AWS SDK signs with for an endpoint that checks no signature. */
export interface PlaceholderCredentials {
  accessKeyId: string;
  secretAccessKey: string;
}

/**
 * Placeholder credentials for a call to the suite's collector (wherever COLLECTOR_URL says it is,
 * on loopback) or to any plain-http endpoint (a relay inside the compose network: AWS's own
 * endpoints are https only) when the environment configures none: such an endpoint checks no
 * signature, and the AWS SDK's credential chain would otherwise fail the call before it leaves.
 * Undefined for an https endpoint, or when credentials are configured: the SDK's chain applies.
 */
export function localCollectorCredentials(env: Env, endpoint: string): PlaceholderCredentials | undefined {
  const collector = new URL(readHttpUrl(env, 'COLLECTOR_URL', LOCAL_COLLECTOR)).origin;
  const url = new URL(endpoint);
  const local = url.origin === collector || url.protocol === 'http:';
  const hasCredentials = Boolean(
    env.AWS_ACCESS_KEY_ID?.trim() || env.AWS_PROFILE?.trim() || env.AWS_WEB_IDENTITY_TOKEN_FILE?.trim(),
  );
  return local && !hasCredentials ? { accessKeyId: 'local', secretAccessKey: 'local' } : undefined;
}
