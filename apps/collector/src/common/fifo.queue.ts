/**
 * A first-in first-out queue on an array with a moving head. Taking from the
 * front of a Map or an Array (shift) gets slow once many items have gone;
 * this stays O(1) amortized, compacting when half the array is spent.
 */
export class FifoQueue<T> {
  private items: T[] = [];
  private head = 0;

  get size(): number {
    return this.items.length - this.head;
  }

  push(item: T): void {
    this.items.push(item);
  }

  peek(): T | undefined {
    return this.head < this.items.length ? this.items[this.head] : undefined;
  }

  /** The items from the front (the oldest) to the back. */
  *values(): IterableIterator<T> {
    for (let index = this.head; index < this.items.length; index++) yield this.items[index];
  }

  /** Keeps only the items `keep` accepts, in their order (O(n): for rare clean-ups). */
  retain(keep: (item: T) => boolean): void {
    this.items = this.items.slice(this.head).filter(keep);
    this.head = 0;
  }

  shift(): T | undefined {
    if (this.head >= this.items.length) return undefined;
    const item = this.items[this.head];
    this.items[this.head] = undefined as T;
    this.head += 1;
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }
}
