import {
  ConfigError,
  readAddress,
  readFlag,
  readHost,
  readHttpUrl,
  readNonNegativeInt,
  readPort,
  readPositiveInt,
} from './env';

describe('environment readers', () => {
  it('use the fallback when a variable is unset or blank', () => {
    expect(readPort({}, 'P', 4567)).toBe(4567);
    expect(readPort({ P: '  ' }, 'P', 4567)).toBe(4567);
    expect(readHost({}, 'H', '127.0.0.1')).toBe('127.0.0.1');
    expect(readAddress({}, 'A', { host: 'h', port: 1 })).toEqual({ host: 'h', port: 1 });
  });

  it('read valid values', () => {
    expect(readPort({ P: '0' }, 'P', 1)).toBe(0);
    expect(readPositiveInt({ T: '2500' }, 'T', 1)).toBe(2500);
    expect(readNonNegativeInt({ N: '0' }, 'N', 7)).toBe(0);
    expect(readNonNegativeInt({ N: '6000' }, 'N', 7)).toBe(6000);
    expect(readNonNegativeInt({}, 'N', 7)).toBe(7);
    expect(readHttpUrl({ U: 'http://activities:4568/' }, 'U', 'http://x')).toBe('http://activities:4568');
    expect(readAddress({ A: 'notifications:4570' }, 'A', { host: 'h', port: 1 })).toEqual({
      host: 'notifications',
      port: 4570,
    });
    expect(readAddress({ A: '[::1]:4570' }, 'A', { host: 'h', port: 1 })).toEqual({ host: '::1', port: 4570 });
  });

  it.each([
    [() => readPort({ P: '70000' }, 'P', 1), 'P must be a port number between 0 and 65535, got "70000"'],
    [() => readPort({ P: 'http' }, 'P', 1), 'P must be a port number'],
    [() => readPositiveInt({ T: '0' }, 'T', 1), 'T must be a positive integer, got "0"'],
    [() => readPositiveInt({ T: '1.5' }, 'T', 1), 'T must be a positive integer'],
    [() => readNonNegativeInt({ N: '-1' }, 'N', 1), 'N must be a non-negative integer, got "-1"'],
    [() => readNonNegativeInt({ N: '2.5' }, 'N', 1), 'N must be a non-negative integer'],
    [() => readNonNegativeInt({ N: '1e99' }, 'N', 1), 'N must be a non-negative integer'],
    [() => readNonNegativeInt({ N: '99999999999999999999' }, 'N', 1), 'N must be a non-negative integer'],
    [() => readHttpUrl({ U: 'ftp://x' }, 'U', 'http://x'), 'U must be an http(s) URL, got "ftp://x"'],
    [() => readHttpUrl({ U: 'not a url' }, 'U', 'http://x'), 'U must be an http(s) URL'],
    [() => readAddress({ A: 'host-without-port' }, 'A', { host: 'h', port: 1 }), 'A must be host:port'],
    [() => readHost({ H: 'http://x' }, 'H', 'h'), 'H must be a host name or address'],
  ])('reject bad values with a message naming the variable (%#)', (read, message) => {
    expect(read).toThrow(ConfigError);
    expect(read).toThrow(message);
  });
});

describe('readFlag', () => {
  it.each([
    ['1', true],
    ['TRUE', true],
    ['on', true],
    ['0', false],
    ['No', false],
    ['off', false],
  ])('reads %s as %s', (value, expected) => {
    expect(readFlag({ F: value }, 'F', !expected)).toBe(expected);
  });

  it('falls back when unset and names the variable when the value is neither', () => {
    expect(readFlag({}, 'F', true)).toBe(true);
    expect(() => readFlag({ F: 'maybe' }, 'F', true)).toThrow(new ConfigError('F must be true or false, got "maybe"'));
  });
});
