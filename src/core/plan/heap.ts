/** A binary max-heap of (key, id, stamp) triples; stale entries are dropped lazily by the caller. */
export class MaxHeap {
  private keys: number[] = [];
  private ids: number[] = [];
  private stamps: number[] = [];

  get size(): number {
    return this.keys.length;
  }

  topKey(): number {
    return this.keys[0];
  }

  topId(): number {
    return this.ids[0];
  }

  topStamp(): number {
    return this.stamps[0];
  }

  push(key: number, id: number, stamp: number): void {
    const { keys, ids, stamps } = this;
    let i = keys.length;
    keys.push(key);
    ids.push(id);
    stamps.push(stamp);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  pop(): void {
    const { keys, ids, stamps } = this;
    const last = keys.length - 1;
    if (last > 0) this.swap(0, last);
    keys.pop();
    ids.pop();
    stamps.pop();
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= keys.length) break;
      const right = left + 1;
      const child = right < keys.length && this.before(right, left) ? right : left;
      if (!this.before(child, i)) break;
      this.swap(i, child);
      i = child;
    }
  }

  /** Higher key first; equal keys by lower id, so that ties break the same way on every run. */
  private before(a: number, b: number): boolean {
    const ka = this.keys[a];
    const kb = this.keys[b];
    return ka > kb || (ka === kb && this.ids[a] < this.ids[b]);
  }

  private swap(a: number, b: number): void {
    const { keys, ids, stamps } = this;
    [keys[a], keys[b]] = [keys[b], keys[a]];
    [ids[a], ids[b]] = [ids[b], ids[a]];
    [stamps[a], stamps[b]] = [stamps[b], stamps[a]];
  }
}
