import { FifoQueue } from './fifo.queue';

describe('FifoQueue', () => {
  it('gives items back in the order they came, across its compactions', () => {
    const queue = new FifoQueue<number>();
    for (let i = 0; i < 5000; i++) queue.push(i);
    const taken = Array.from({ length: 3000 }, () => queue.shift());
    expect(taken).toEqual(Array.from({ length: 3000 }, (_, i) => i));
    expect(queue.size).toBe(2000);
    expect(queue.peek()).toBe(3000);
    expect([...queue.values()]).toEqual(Array.from({ length: 2000 }, (_, i) => 3000 + i));
  });

  it('keeps only what retain accepts, in order, and is empty when all is taken', () => {
    const queue = new FifoQueue<number>();
    for (let i = 0; i < 10; i++) queue.push(i);
    queue.shift();
    queue.retain((n) => n % 3 !== 0);
    expect([...queue.values()]).toEqual([1, 2, 4, 5, 7, 8]);
    while (queue.size > 0) queue.shift();
    expect([queue.shift(), queue.peek(), [...queue.values()]]).toEqual([undefined, undefined, []]);
  });
});
