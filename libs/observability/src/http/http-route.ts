import { context } from '@opentelemetry/api';
import { RPCType, getRPCMetadata } from '@opentelemetry/core';
import type { HttpRequestLike } from '../interceptors/http-request.like';

/**
 * Hands the request's route template to its HTTP server span (`http.route`,
 * and the span's name, `GET /api/activities/:uuid`) through OpenTelemetry's
 * RPC metadata, which the HTTP instrumentation reads when the response ends.
 * The TracingInterceptor does it for every handler; a guard that refuses a
 * request runs before the interceptors, so it calls this itself.
 */
export function shareHttpRoute(request: HttpRequestLike): void {
  const metadata = getRPCMetadata(context.active());
  const route = request.route?.path;
  if (metadata?.type === RPCType.HTTP && route) metadata.route = route;
}
