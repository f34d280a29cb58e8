import { ProtocolError } from '../../common/protocol.error';
import { AwsInput } from './aws-input.reader';

function failure(act: () => unknown): { code: string; message: string } {
  try {
    act();
  } catch (error) {
    return { code: (error as ProtocolError).code, message: (error as ProtocolError).message };
  }
  throw new Error('expected an error');
}

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
    expect(failure(() => input.string('count'))).toEqual({ code: 'SerializationException', message: "'count' must be a string, got number" });
    expect(failure(() => input.integer('fraction'))).toEqual({ code: 'SerializationException', message: "'fraction' must be an integer, got 1.5" });
    expect(failure(() => input.strings('name')).code).toBe('SerializationException');
    expect(failure(() => AwsInput.of([])).message).toBe('The request body must be a JSON object, got array');
  });

  it('answers missing and out-of-range members with InvalidParameterException naming them', () => {
    expect(failure(() => input.string('absent', { required: true }))).toEqual({
      code: 'InvalidParameterException',
      message: "1 validation error detected: Value null at 'absent' failed to satisfy constraint: Member must not be null",
    });
    expect(failure(() => input.integer('count', { max: 2 })).message).toContain('Member must have value less than or equal to 2');
    expect(failure(() => input.string('name', { pattern: { test: /^\d+$/, describe: '\\d+' } })).message).toContain(
      'Member must satisfy regular expression pattern: \\d+',
    );
  });
});
