import type { Attributes } from '@opentelemetry/api';
import { ObservabilityAttributes } from '../attributes';
import { isSecretName } from '../redaction/secret-name';
import { truncate } from './span-attributes.reader';
import type { XrayAnnotationValue } from './xray-document.types';

const MAX_KEY_LENGTH = 500;
const MAX_VALUE_LENGTH = 1000;

/** Annotations for X-Ray and the attribute keys they came from. */
export interface MappedAnnotations {
  annotations: Record<string, XrayAnnotationValue>;
  /** Attribute keys written as annotations (AWS's exporter keeps them out of metadata). */
  sourceKeys: Set<string>;
}

/**
 * The attributes named in `aws.xray.annotations` (AWS's convention), keyed
 * with every character outside [A-Za-z0-9_] replaced by `_`. Only strings,
 * finite numbers and booleans can be indexed; other values are left to metadata.
 * An attribute with a secret's name is never an annotation (nor metadata).
 */
export function annotationsOf(attributes: Attributes): MappedAnnotations {
  const annotations: Record<string, XrayAnnotationValue> = {};
  const sourceKeys = new Set<string>();
  for (const key of annotatedKeys(attributes)) {
    const value = attributes[key];
    if (typeof value === 'string') annotations[annotationKey(key)] = truncate(value, MAX_VALUE_LENGTH);
    else if (typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value)))
      annotations[annotationKey(key)] = value;
    else continue;
    sourceKeys.add(key);
  }
  return { annotations, sourceKeys };
}

function annotatedKeys(attributes: Attributes): string[] {
  const listed = attributes[ObservabilityAttributes.XrayAnnotations];
  const keys: unknown[] = typeof listed === 'string' ? [listed] : Array.isArray(listed) ? listed : [];
  return keys.filter((key): key is string => typeof key === 'string' && key.length > 0 && !isSecretName(key));
}

/** X-Ray annotation keys are 1-500 letters, digits and underscores. */
export function annotationKey(attributeKey: string): string {
  return attributeKey.replace(/[^A-Za-z0-9_]/g, '_').slice(0, MAX_KEY_LENGTH);
}
