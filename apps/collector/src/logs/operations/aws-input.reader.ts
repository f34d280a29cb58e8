import { CloudWatchLogsErrors } from '../cloudwatch-logs.errors';

interface StringRules {
  min?: number;
  max?: number;
  /** What the value must match, and how to say it in the error message. */
  pattern?: { test: RegExp; describe: string };
}

type Member = Record<string, unknown>;

function typeName(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}

/**
 * Reads the members of a JSON 1.1 request with AWS's answers: a member of the
 * wrong JSON type is a SerializationException, a missing or out-of-range one
 * an InvalidParameterException naming it. Unknown members are ignored, as AWS does.
 */
export class AwsInput {
  constructor(private readonly members: Member) {}

  /** Wraps a parsed request body, which must be a JSON object. */
  static of(body: unknown): AwsInput {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw CloudWatchLogsErrors.serialization(`The request body must be a JSON object, got ${typeName(body)}`);
    }
    return new AwsInput(body as Member);
  }

  string(name: string, rules: StringRules & { required: true }): string;
  string(name: string, rules?: StringRules): string | undefined;
  string(name: string, rules: StringRules & { required?: boolean } = {}): string | undefined {
    const value = this.present(name, 'string', rules.required);
    if (value === undefined) return undefined;
    const text = value as string;
    if (rules.min !== undefined && text.length < rules.min) {
      throw CloudWatchLogsErrors.constraint(
        name,
        text,
        `Member must have length greater than or equal to ${rules.min}`,
      );
    }
    if (rules.max !== undefined && text.length > rules.max) {
      throw CloudWatchLogsErrors.constraint(name, text, `Member must have length less than or equal to ${rules.max}`);
    }
    if (rules.pattern && !rules.pattern.test.test(text)) {
      throw CloudWatchLogsErrors.constraint(
        name,
        text,
        `Member must satisfy regular expression pattern: ${rules.pattern.describe}`,
      );
    }
    return text;
  }

  /** An integer member (JSON number without fraction) within [min, max]. */
  integer(name: string, rules: { min?: number; max?: number; required?: boolean } = {}): number | undefined {
    const value = this.present(name, 'number', rules.required);
    if (value === undefined) return undefined;
    const number = value as number;
    if (!Number.isSafeInteger(number))
      throw CloudWatchLogsErrors.serialization(`'${name}' must be an integer, got ${number}`);
    if (rules.min !== undefined && number < rules.min) {
      throw CloudWatchLogsErrors.constraint(
        name,
        number,
        `Member must have value greater than or equal to ${rules.min}`,
      );
    }
    if (rules.max !== undefined && number > rules.max) {
      throw CloudWatchLogsErrors.constraint(name, number, `Member must have value less than or equal to ${rules.max}`);
    }
    return number;
  }

  boolean(name: string): boolean | undefined {
    return this.present(name, 'boolean', false) as boolean | undefined;
  }

  /** An array member; its items are checked by the caller. */
  list(name: string, rules: { min?: number; max?: number; required?: boolean } = {}): unknown[] | undefined {
    const value = this.present(name, 'array', rules.required);
    if (value === undefined) return undefined;
    const items = value as unknown[];
    if (rules.min !== undefined && items.length < rules.min) {
      throw CloudWatchLogsErrors.constraint(
        name,
        `[${items.length} items]`,
        `Member must have length greater than or equal to ${rules.min}`,
      );
    }
    if (rules.max !== undefined && items.length > rules.max) {
      throw CloudWatchLogsErrors.constraint(
        name,
        `[${items.length} items]`,
        `Member must have length less than or equal to ${rules.max}`,
      );
    }
    return items;
  }

  /** A list of strings. */
  strings(name: string, rules: { min?: number; max?: number } = {}): string[] | undefined {
    const items = this.list(name, rules);
    items?.forEach((item, index) => {
      if (typeof item !== 'string')
        throw CloudWatchLogsErrors.serialization(`'${name}[${index}]' must be a string, got ${typeName(item)}`);
    });
    return items as string[] | undefined;
  }

  private present(name: string, type: 'string' | 'number' | 'boolean' | 'array', required = false): unknown {
    const value = this.members[name];
    // AWS SDKs leave unset members out; some clients send null for them.
    if (value === undefined || value === null) {
      if (required) throw CloudWatchLogsErrors.missing(name);
      return undefined;
    }
    if (typeName(value) !== type) {
      throw CloudWatchLogsErrors.serialization(
        `'${name}' must be a ${type === 'array' ? 'list' : type}, got ${typeName(value)}`,
      );
    }
    return value;
  }
}
