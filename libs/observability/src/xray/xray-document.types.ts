/** The `http` block of a segment document (AWS's schema: strings of at most 250 characters). */
export interface XrayHttp {
  request?: { method?: string; url?: string; client_ip?: string; user_agent?: string };
  response?: { status?: number; content_length?: number };
}

/** The `fault` / `error` / `throttle` flags of a (sub)segment; absent means false. */
export interface XrayFlags {
  fault?: true;
  error?: true;
  throttle?: true;
}

/** Values X-Ray indexes as annotations. */
export type XrayAnnotationValue = string | number | boolean;

/** `metadata`: namespace → key → any JSON value. */
export type XrayMetadata = Record<string, Record<string, unknown>>;
