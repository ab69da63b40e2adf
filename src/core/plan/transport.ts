/**
 * Assignment of pupils to workshop types with per-type seat bounds (a transportation problem),
 * kept optimal while the bounds change. A pupil p placed in type t earns value(p, t); a pupil may
 * stay without a workshop (earns 0). Type t must hold between lower[t] and upper[t] pupils.
 *
 * The residual graph is compressed to the types, the « none » node and a sink: moving a pupil from
 * a to b is one arc whose cost is the best such move, read from a heap per (a, b). Optimality is
 * the absence of negative cycles in that small graph (Bellman-Ford), so a bound change costs a few
 * cycle cancellations instead of a fresh solve. Lower bounds are met first through a large bonus.
 */
import { MaxHeap } from './heap';

/** Value marking a type a pupil may not join. */
export const FORBIDDEN = -1;

export class Transport {
  /** Node index of « no workshop »; types are 0..types-1 and the sink is none + 1. */
  private readonly none: number;
  private readonly sink: number;
  private readonly nodeCount: number;
  private readonly location: Int32Array;
  private readonly stamp: Int32Array;
  private readonly count: Int32Array;
  private readonly lower: Int32Array;
  private readonly upper: Int32Array;
  private readonly heaps: MaxHeap[];
  /** Bonus per pupil towards a lower bound: more than any total of values can change. */
  private readonly bonus: number;
  private total = 0;
  private readonly cost: Float64Array;
  private readonly dist: Float64Array;
  private readonly pred: Int32Array;
  private readonly queue: Int32Array;
  private readonly queued: Uint8Array;

  /** values[p * types + t] is the value of pupil p in type t, or FORBIDDEN. */
  constructor(
    private readonly values: ArrayLike<number>,
    readonly pupils: number,
    readonly types: number,
  ) {
    this.none = types;
    this.sink = types + 1;
    this.nodeCount = types + 2;
    this.location = new Int32Array(pupils).fill(this.none);
    this.stamp = new Int32Array(pupils);
    this.count = new Int32Array(types + 1);
    this.count[this.none] = pupils;
    this.lower = new Int32Array(types);
    this.upper = new Int32Array(types);
    this.heaps = Array.from({ length: (types + 1) * (types + 1) }, () => new MaxHeap());
    let maxValue = 0;
    for (let i = 0; i < values.length; i++) if (values[i] > maxValue) maxValue = values[i];
    this.bonus = (pupils + 1) * (2 * maxValue + 1);
    for (let p = 0; p < pupils; p++) this.pushMoves(p);
    this.cost = new Float64Array(this.nodeCount * this.nodeCount);
    this.dist = new Float64Array(this.nodeCount);
    this.pred = new Int32Array(this.nodeCount);
    this.queue = new Int32Array(this.nodeCount);
    this.queued = new Uint8Array(this.nodeCount);
  }

  /** Sum of the values of the placed pupils. */
  get objective(): number {
    return this.total;
  }

  /** True when every type holds at least its lower bound. */
  get feasible(): boolean {
    for (let t = 0; t < this.types; t++) if (this.count[t] < this.lower[t]) return false;
    return true;
  }

  /** Type of pupil p, or -1 when placed nowhere. */
  typeOf(p: number): number {
    const at = this.location[p];
    return at === this.none ? -1 : at;
  }

  sizeOf(t: number): number {
    return this.count[t];
  }

  /** Set the bounds of several types, then restore optimality. */
  setBounds(changes: { type: number; lower: number; upper: number }[]): void {
    for (const { type, lower, upper } of changes) {
      this.lower[type] = lower;
      this.upper[type] = upper;
    }
    for (const { type } of changes) while (this.count[type] > this.upper[type]) this.evict(type);
    for (const { type } of changes) this.settle(type);
    // Settling each changed type leaves no negative cycle in practice; this check makes it certain.
    this.cancelNegativeCycles();
  }

  /** Cancel the negative cycles through type t's own bounds: pupils in or out of t along the cheapest chains. */
  private settle(t: number): void {
    const { sink } = this;
    for (;;) {
      const add = this.addCost(t);
      if (add !== Infinity) {
        const into = this.shortestPath(sink, t);
        if (into && into.cost + add < 0) {
          this.augment([...into.path, sink]);
          continue;
        }
      }
      const remove = this.removeCost(t);
      if (remove !== Infinity) {
        const out = this.shortestPath(t, sink);
        if (out && remove + out.cost < 0) {
          this.augment([sink, ...out.path]);
          continue;
        }
      }
      return;
    }
  }

  /**
   * Cheapest chain of moves from `from` to `to` (SPFA) that passes through neither end again and
   * does not use the direct arc between them. Null when there is none (or the search does not settle).
   */
  private shortestPath(from: number, to: number): { path: number[]; cost: number } | null {
    this.fillCosts();
    const { dist, pred, nodeCount, cost, queue, queued } = this;
    dist.fill(Infinity);
    pred.fill(-1);
    queued.fill(0);
    dist[from] = 0;
    let head = 0;
    let tail = 0;
    queue[tail++ % nodeCount] = from;
    queued[from] = 1;
    let relaxations = 0;
    while (head !== tail) {
      const a = queue[head++ % nodeCount];
      queued[a] = 0;
      if (a === to) continue;
      for (let b = 0; b < nodeCount; b++) {
        if (b === from || (a === from && b === to)) continue;
        const c = cost[a * nodeCount + b];
        if (c === Infinity || dist[a] + c >= dist[b]) continue;
        dist[b] = dist[a] + c;
        pred[b] = a;
        if (++relaxations > nodeCount * nodeCount * nodeCount) return null;
        if (!queued[b]) {
          queued[b] = 1;
          queue[tail++ % nodeCount] = b;
        }
      }
    }
    if (dist[to] === Infinity) return null;
    const path = [to];
    for (let at = to; at !== from; ) {
      at = pred[at];
      path.push(at);
    }
    return { path: path.reverse(), cost: dist[to] };
  }

  /**
   * Dual prices of the types (one per type) for the current optimum: every pupil sits where
   * value - price is highest (and not below 0); a positive price only on full types, a negative one
   * only on types at their lower bound. They give a valid upper bound for any other bounds.
   */
  prices(): Float64Array {
    this.fillCosts();
    const { dist, nodeCount, cost, sink } = this;
    dist.fill(Infinity);
    dist[sink] = 0;
    for (let round = 0; round < nodeCount; round++) {
      let changed = false;
      for (let a = 0; a < nodeCount; a++) {
        if (dist[a] === Infinity) continue;
        for (let b = 0; b < nodeCount; b++) {
          const c = cost[a * nodeCount + b];
          if (c !== Infinity && dist[a] + c < dist[b]) {
            dist[b] = dist[a] + c;
            changed = true;
          }
        }
      }
      if (!changed) break;
    }
    const prices = new Float64Array(this.types);
    for (let t = 0; t < this.types; t++) prices[t] = dist[t] === Infinity ? 0 : -dist[t];
    return prices;
  }

  private valueOf(p: number, node: number): number {
    return node === this.none ? 0 : this.values[p * this.types + node];
  }

  /** Record in the heaps every move pupil p can make from where it now sits. */
  private pushMoves(p: number): void {
    const from = this.location[p];
    const here = this.valueOf(p, from);
    const stamp = this.stamp[p];
    const row = from * (this.types + 1);
    for (let to = 0; to <= this.types; to++) {
      if (to === from) continue;
      const there = this.valueOf(p, to);
      if (there === FORBIDDEN) continue;
      this.heaps[row + to].push(there - here, p, stamp);
    }
  }

  /** Best pupil to move from a to b (highest gain), or -1. */
  private bestMove(a: number, b: number): number {
    const heap = this.heaps[a * (this.types + 1) + b];
    while (heap.size > 0) {
      const p = heap.topId();
      if (this.location[p] === a && this.stamp[p] === heap.topStamp()) return p;
      heap.pop();
    }
    return -1;
  }

  private move(p: number, to: number): void {
    const from = this.location[p];
    this.total += (to === this.none ? 0 : this.valueOf(p, to)) - (from === this.none ? 0 : this.valueOf(p, from));
    this.count[from]--;
    this.count[to]++;
    this.location[p] = to;
    this.stamp[p]++;
    this.pushMoves(p);
  }

  /** Cost of absorbing one more pupil at node a. */
  private addCost(a: number): number {
    if (a === this.none) return 0;
    if (this.count[a] < this.lower[a]) return -this.bonus;
    return this.count[a] < this.upper[a] ? 0 : Infinity;
  }

  /** Cost of absorbing one pupil less at node a. */
  private removeCost(a: number): number {
    if (this.count[a] === 0) return Infinity;
    if (a === this.none) return 0;
    return this.count[a] <= this.lower[a] ? this.bonus : 0;
  }

  private fillCosts(): void {
    const { nodeCount, cost, sink, types } = this;
    for (let a = 0; a <= types; a++) {
      const row = a * (types + 1);
      for (let b = 0; b <= types; b++) {
        if (a === b) {
          cost[a * nodeCount + b] = Infinity;
          continue;
        }
        const p = this.bestMove(a, b);
        cost[a * nodeCount + b] = p < 0 ? Infinity : -this.heaps[row + b].topKey();
      }
      cost[a * nodeCount + sink] = this.addCost(a);
      cost[sink * nodeCount + a] = this.removeCost(a);
    }
    cost[sink * nodeCount + sink] = Infinity;
  }

  /** Apply one unit of flow along the node path (arcs between consecutive nodes). */
  private augment(path: number[]): void {
    const moves: [number, number][] = [];
    for (let i = 0; i + 1 < path.length; i++) {
      const a = path[i];
      const b = path[i + 1];
      if (a === this.sink || b === this.sink) continue;
      moves.push([this.bestMove(a, b), b]);
    }
    for (const [p, to] of moves) this.move(p, to);
  }

  /** Move one pupil out of over-full type t along the cheapest chain of moves (to « none » at worst). */
  private evict(t: number): void {
    const out = this.shortestPath(t, this.sink);
    if (out) this.augment([...out.path]);
    else this.move(this.bestMove(t, this.none), this.none);
  }

  /** Cancel negative cycles of the compressed residual graph until none is left. */
  private cancelNegativeCycles(): void {
    for (;;) {
      const cycle = this.findNegativeCycle();
      if (!cycle) return;
      this.augment(cycle);
    }
  }

  private findNegativeCycle(): number[] | null {
    this.fillCosts();
    const { dist, pred, nodeCount, cost } = this;
    dist.fill(0);
    pred.fill(-1);
    let last = -1;
    for (let round = 0; round < nodeCount; round++) {
      last = -1;
      for (let a = 0; a < nodeCount; a++) {
        for (let b = 0; b < nodeCount; b++) {
          const c = cost[a * nodeCount + b];
          if (c !== Infinity && dist[a] + c < dist[b]) {
            dist[b] = dist[a] + c;
            pred[b] = a;
            last = b;
          }
        }
      }
      if (last < 0) return null;
    }
    let at = last;
    for (let i = 0; i < nodeCount; i++) at = pred[at];
    const cycle = [at];
    for (let v = pred[at]; v !== at; v = pred[v]) cycle.push(v);
    cycle.push(at);
    return cycle.reverse();
  }
}
