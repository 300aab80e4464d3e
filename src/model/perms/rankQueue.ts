/** A min-heap of node ids ordered by a fixed rank (a topological position); ids may be pushed twice. */
export class RankQueue {
  private readonly heap: string[] = [];

  constructor(private readonly rank: ReadonlyMap<string, number>) {}

  /** Adds an id (again, if it is already there). */
  push(id: string): void {
    const heap = this.heap;
    heap.push(id);
    for (let i = heap.length - 1; i > 0;) {
      const up = (i - 1) >> 1;
      if (this.rankAt(up) <= this.rankAt(i)) break;
      this.swap(i, up);
      i = up;
    }
  }

  /** The id of lowest rank, or undefined when empty. */
  pop(): string | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (top === undefined || last === undefined || heap.length === 0) return top;
    heap[0] = last;
    for (let i = 0; ;) {
      const [l, r] = [2 * i + 1, 2 * i + 2];
      let least = i;
      if (l < heap.length && this.rankAt(l) < this.rankAt(least)) least = l;
      if (r < heap.length && this.rankAt(r) < this.rankAt(least)) least = r;
      if (least === i) return top;
      this.swap(i, least);
      i = least;
    }
  }

  private rankAt(i: number): number {
    return this.rank.get(this.heap[i] ?? '') ?? 0;
  }

  private swap(i: number, j: number): void {
    const heap = this.heap;
    [heap[i], heap[j]] = [heap[j] as string, heap[i] as string];
  }
}
