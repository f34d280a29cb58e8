import { protocolFailure } from '../../common/testing/protocol-failure';
import { AwsInput } from './aws-input.reader';

describe('AwsInput', () => {
  const input = AwsInput.of({ name: 'g', count: 3, flag: true, list: ['a'], nothing: null, fraction: 1.5 });

  it('reads members of the right type, and treats null as absent', () => {
    expect(input.string('name', { required: true, min: 1, max: 5 })).toBe('g');
    expect(input.integer('count', { min: 1, max: 50 })).toBe(3);
    expect(input.boolean('flag')).toBe(true);
    expect(input.strings('list')).toEqual(['a']);
    expect(input.string('nothing')).toBeUndefined();
    expect(input.integer('absent')).toBeUndefined();
  });

  it('answers a wrong JSON type with SerializationException', () => {
    expect(protocolFailure(() => input.string('count'))).toMatchObject({
      code: 'SerializationException',
      message: "'count' must be a string, got number",
    });
    expect(protocolFailure(() => input.integer('fraction'))).toMatchObject({
      code: 'SerializationException',
      message: "'fraction' must be an integer, got 1.5",
    });
    expect(protocolFailure(() => input.strings('name')).code).toBe('SerializationException');
    expect(protocolFailure(() => AwsInput.of([])).message).toBe('The request body must be a JSON object, got array');
  });

  it('answers missing and out-of-range members with InvalidParameterException naming them', () => {
    expect(protocolFailure(() => input.string('absent', { required: true }))).toMatchObject({
      code: 'InvalidParameterException',
      message:
        "1 validation error detected: Value null at 'absent' failed to satisfy constraint: Member must not be null",
    });
    expect(protocolFailure(() => input.integer('count', { max: 2 })).message).toContain(
      'Member must have value less than or equal to 2',
    );
    expect(
      protocolFailure(() => input.string('name', { pattern: { test: /^\d+$/, describe: '\\d+' } })).message,
    ).toContain('Member must satisfy regular expression pattern: \\d+');
  });
});
