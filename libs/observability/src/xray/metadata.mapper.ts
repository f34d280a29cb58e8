import type { Attributes } from '@opentelemetry/api';
import { ObservabilityAttributes } from '../attributes';
import { isSecretName } from '../redaction/secret-name';
import { firstNumber, firstString } from './span-attributes.reader';
import type { XrayMetadata } from './xray-document.types';
import { MAPPED_ATTRIBUTES, Semconv } from './xray-semconv';

/**
 * The document's metadata:
 * - `default`: each `cruddur.xray.metadata.<key>` attribute, its JSON text parsed
 *   (kept as text when it is not JSON, rather than lost);
 * - `rpc`: for TCP/RPC spans, the transport and pattern (they have no http block);
 * - `otel`: every other attribute the document does not carry elsewhere, as
 *   AWS's exporter keeps them.
 * No attribute with a secret's name (`isSecretName`) is copied, in any namespace.
 */
export function metadataOf(attributes: Attributes, annotated: ReadonlySet<string>, rpc: boolean): XrayMetadata {
  const metadata: XrayMetadata = {};
  const put = (namespace: string, key: string, value: unknown) => {
    if (value === undefined) return;
    // Own null-prototype objects: an attribute named `__proto__` stays a plain key.
    metadata[namespace] ??= Object.create(null) as Record<string, unknown>;
    metadata[namespace][key] = value;
  };

  for (const [name, value] of Object.entries(attributes)) {
    if (isSecretName(name)) continue;
    if (name.startsWith(ObservabilityAttributes.XrayMetadataPrefix)) {
      const key = name.slice(ObservabilityAttributes.XrayMetadataPrefix.length);
      if (key.length > 0) put('default', key, parseJson(value));
    } else if (!isCarriedElsewhere(name, annotated)) {
      put('otel', name, value);
    }
  }
  if (rpc) {
    put('rpc', 'system', firstString(attributes, [...Semconv.rpcSystem, ...Semconv.messagingSystem]));
    put('rpc', 'method', firstString(attributes, Semconv.rpcMethod));
    put('rpc', 'service', firstString(attributes, Semconv.rpcService));
    put('rpc', 'destination', firstString(attributes, Semconv.messagingDestination));
    put('rpc', 'operation', firstString(attributes, Semconv.messagingOperation));
    put('rpc', 'peer', firstString(attributes, Semconv.peerAddress));
    put('rpc', 'port', firstNumber(attributes, Semconv.serverPort));
    put('rpc', 'status_code', firstNumber(attributes, [ObservabilityAttributes.RpcStatusCode]));
  }
  return metadata;
}

function isCarriedElsewhere(name: string, annotated: ReadonlySet<string>): boolean {
  return (
    MAPPED_ATTRIBUTES.has(name) ||
    annotated.has(name) ||
    name === ObservabilityAttributes.XrayAnnotations ||
    name === ObservabilityAttributes.RpcStatusCode
  );
}

function parseJson(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}
