import { socketsClosed } from './drainable';

describe('socketsClosed', () => {
  it('resolves once the set is empty, without destroying anything', async () => {
    const socket = { destroy: jest.fn() };
    const sockets = new Set([socket]);
    setTimeout(() => sockets.delete(socket), 30);
    await socketsClosed(sockets, 5_000);
    expect(sockets.size).toBe(0);
    expect(socket.destroy).not.toHaveBeenCalled();
  });

  it('destroys the sockets still open at the deadline, then resolves', async () => {
    const socket = { destroy: jest.fn() };
    const started = Date.now();
    await socketsClosed(new Set([socket]), 50);
    expect(socket.destroy).toHaveBeenCalledTimes(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
  });

  it('resolves at once when nothing is open', async () => {
    await expect(socketsClosed(new Set(), 60_000)).resolves.toBeUndefined();
  });
});
