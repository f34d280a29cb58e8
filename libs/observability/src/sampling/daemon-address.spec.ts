import { parseDaemonAddress } from './daemon-address';

describe('parseDaemonAddress', () => {
  it.each([
    ['127.0.0.1:2000', { host: '127.0.0.1', port: 2000 }],
    ['xray-daemon:2000', { host: 'xray-daemon', port: 2000 }],
    ['[::1]:2001', { host: '::1', port: 2001 }],
    ['udp:10.0.0.1:2000 tcp:10.0.0.2:2001', { host: '10.0.0.2', port: 2001 }],
    ['tcp:10.0.0.2:2001 udp:10.0.0.1:2000', { host: '10.0.0.2', port: 2001 }],
  ])('reads %s', (address, endpoint) => {
    expect(parseDaemonAddress(address)).toEqual(endpoint);
  });

  it.each(['localhost', ':2000', 'host:0', 'host:70000', 'udp:a:1 udp:b:2', '::1:2000', 'host:port'])(
    'refuses %s',
    (address) => {
      expect(() => parseDaemonAddress(address)).toThrow(/not host:port/);
    },
  );
});
