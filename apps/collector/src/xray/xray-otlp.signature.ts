import type { IncomingHttpHeaders } from 'node:http';
import { ProtocolError } from '../common/protocol.error';
import { type SigV4Authorization, SigV4FormatError, parseSigV4Authorization } from '../common/sigv4-authorization';

/** The service X-Ray's OTLP endpoint takes signatures for. */
export const XRAY_SIGNING_SERVICE = 'xray';

/** A signed request X-Ray's OTLP endpoint refuses: 403, answered in AWS's JSON error form. */
export class XrayOtlpSigningError extends ProtocolError {
  override name = 'XrayOtlpSigningError';
}

/**
 * Checks what can be checked of a SigV4 signature without the secret key: the header's form,
 * the credential scope's service (`xray`) and its date against `x-amz-date`. AWS answers these
 * with 403 and the messages below; the signature itself is not verified (the collector holds no
 * secrets). Returns the parsed header.
 */
export function checkXrayOtlpSignature(headers: IncomingHttpHeaders): SigV4Authorization {
  let authorization: SigV4Authorization;
  try {
    authorization = parseSigV4Authorization(headers.authorization ?? '');
  } catch (error) {
    if (error instanceof SigV4FormatError)
      throw new XrayOtlpSigningError(403, 'IncompleteSignatureException', error.message);
    throw error;
  }
  const { service, date } = authorization.scope;
  if (service !== XRAY_SIGNING_SERVICE) {
    throw new XrayOtlpSigningError(
      403,
      'InvalidSignatureException',
      `Credential should be scoped to correct service: '${XRAY_SIGNING_SERVICE}'. This request was signed for '${service}'.`,
    );
  }
  const amzDate = headers['x-amz-date'];
  if (typeof amzDate !== 'string' || amzDate.length === 0) {
    throw new XrayOtlpSigningError(
      403,
      'IncompleteSignatureException',
      "Authorization header requires existence of a 'X-Amz-Date' header (ISO 8601 basic format, yyyymmddThhmmssZ).",
    );
  }
  if (!/^\d{8}T\d{6}Z$/.test(amzDate) || amzDate.slice(0, 8) !== date) {
    throw new XrayOtlpSigningError(
      403,
      'InvalidSignatureException',
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${date}' != '${amzDate.slice(0, 8)}', from '${amzDate.slice(0, 20)}'.`,
    );
  }
  return authorization;
}
