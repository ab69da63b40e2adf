/**
 * The proof part of the slot search (search.ts): enumerate the teachers' choices and solve the leaves
 * no price vector rules out. First each class decides how many of its teachers lead the types only it
 * can lead (« own » units); the teachers left over then join a pool per set of shared types (all classes
 * that can lead « Méthodologie » or « Approfondissement », say), and each pool decides its split once
 * instead of class by class. Units with a clear best choice come first; each tries the incumbent's
 * counts first; each set of groups decided at a unit boundary is explored once; counts a price vector
 * rules out are skipped.
 */
import type { SlotProblem } from './slotProblem';

export interface PriceBound {
  prices: Float64Array;
  /** Upper bound when every teacher class takes its best option under these prices. */
  best: number;
  /** gain[t]: bound contribution of one group of type t. */
  gain: Float64Array;
  /** classBest[c]: best gain of one teacher of class c (0 when leading nothing is best). */
  classBest: Float64Array;
}

/** use[c][i]: teachers of class c leading its i-th type. */
export type Use = number[][];

/** What the enumeration needs from the search: the price vectors, the incumbent, leaf evaluation. */
export interface SearchAccess {
  readonly problem: SlotProblem;
  /** Price vectors in fixed slots, and the slots, most recently useful first (reordered here). */
  readonly pool: PriceBound[];
  readonly mru: number[];
  readonly incumbent: number;
  incumbentUse: Use;
  /** Solve the assignment of a group vector (may improve the incumbent and add price vectors). */
  valueOf(groups: number[]): number;
  /** Count one node; false once the budget is spent. */
  countNode(): boolean;
}

/** Per price vector, what does not change during the enumeration. */
interface Tables {
  base: number;
  sharedBest: Float64Array;
  /** ownRest[u][j]: best gain of the u-th first unit from its j-th own type on, or by moving on to its pool. */
  ownRest: Float64Array[];
  /** later[u]: Σ count·classBest of the first units after u and of the classes without own types. */
  later: Float64Array;
}

/** Rounding margin when skipping counts: never skip one whose bound is within it of the incumbent. */
const SKIP_MARGIN = 1e-6;
/** Price vectors used to skip whole ranges of counts before visiting them. */
const RANGE_PRICE_VECTORS = 4;

export class Enumeration {
  private readonly problem: SlotProblem;
  /** Types only one class can lead, and shared types, per class, by decreasing gain. */
  private readonly own: number[][];
  private readonly shared: number[][];
  /** Classes with own types, the clearest choice first. */
  private readonly firstUnits: number[];
  /** Classes sharing the same set of shared types. */
  private readonly pools: number[][];
  private readonly tables = new Map<PriceBound, Tables>();

  // The node being built.
  private readonly partial: number[];
  private readonly leftOver: number[];
  private readonly ownUse: Use;
  private readonly poolUse: number[][];
  private poolCount: number[] = [];
  private readonly poolLater = new Map<PriceBound, Float64Array>();
  private readonly visited = new Set<string>();
  /** dots[slot]: Σ partial·gain; carry[slot]: Σ leftOver·sharedBest of the classes whose own part is decided. */
  private readonly dots: Float64Array;
  private readonly carry: Float64Array;
  private readonly known: (PriceBound | undefined)[] = [];

  constructor(private readonly search: SearchAccess, lead: PriceBound, maxPriceVectors: number) {
    this.problem = search.problem;
    const { teacherClasses, types } = this.problem;
    const owners = new Array<number>(types).fill(0);
    for (const c of teacherClasses) for (const t of c.types) owners[t]++;
    const byGain = (list: number[]): number[] => [...list].sort((a, b) => lead.gain[b] - lead.gain[a] || a - b);
    const margin = (list: number[]): number => {
      const options = [0, ...list.map((t) => lead.gain[t])].sort((a, b) => b - a);
      return options[0] - options[1];
    };
    this.own = teacherClasses.map((c) => byGain(c.types.filter((t) => owners[t] === 1)));
    this.shared = teacherClasses.map((c) => byGain(c.types.filter((t) => owners[t] > 1)));
    this.firstUnits = teacherClasses
      .map((_, c) => c)
      .filter((c) => this.own[c].length)
      .sort((a, b) => margin(this.own[b]) - margin(this.own[a]) || a - b);
    const poolOf = new Map<string, number[]>();
    teacherClasses.forEach((_, c) => {
      if (!this.shared[c].length) return;
      const key = this.shared[c].join(',');
      poolOf.set(key, [...(poolOf.get(key) ?? []), c]);
    });
    this.pools = [...poolOf.values()].sort((a, b) => margin(this.shared[b[0]]) - margin(this.shared[a[0]]) || a[0] - b[0]);

    this.partial = new Array<number>(types).fill(0);
    this.leftOver = teacherClasses.map((c, i) => (this.own[i].length ? 0 : c.count));
    this.ownUse = teacherClasses.map((c) => new Array<number>(c.types.length).fill(0));
    this.poolUse = this.pools.map((members) => new Array<number>(this.shared[members[0]].length).fill(0));
    this.dots = new Float64Array(maxPriceVectors);
    this.carry = new Float64Array(maxPriceVectors);
  }

  run(): void {
    this.sync();
    const { teacherClasses } = this.problem;
    this.visitOwn(0, 0, this.firstUnits.length ? teacherClasses[this.firstUnits[0]].count : 0);
  }

  // ---- Bounds per price vector ----

  private tablesOf(b: PriceBound): Tables {
    let t = this.tables.get(b);
    if (t) return t;
    const { teacherClasses } = this.problem;
    const { own, shared, firstUnits } = this;
    let base = b.best;
    teacherClasses.forEach((c, i) => (base -= c.count * b.classBest[i]));
    const sharedBest = Float64Array.from(shared, (list) => Math.max(0, ...list.map((x) => b.gain[x])));
    const ownRest = firstUnits.map((c) => {
      const rest = new Float64Array(own[c].length + 1);
      rest[own[c].length] = sharedBest[c];
      for (let j = own[c].length - 1; j >= 0; j--) rest[j] = Math.max(rest[j + 1], b.gain[own[c][j]]);
      return rest;
    });
    const later = new Float64Array(firstUnits.length + 1);
    teacherClasses.forEach((c, i) => {
      if (!own[i].length) later[firstUnits.length] += c.count * b.classBest[i];
    });
    for (let u = firstUnits.length - 1; u >= 0; u--) later[u] = later[u + 1] + teacherClasses[firstUnits[u]].count * b.classBest[firstUnits[u]];
    t = { base, sharedBest, ownRest, later };
    this.tables.set(b, t);
    return t;
  }

  /** Per vector, Σ count·best of the pools from q on (pool phase). */
  private poolLaterOf(b: PriceBound): Float64Array {
    let later = this.poolLater.get(b);
    if (!later) {
      const t = this.tablesOf(b);
      later = new Float64Array(this.pools.length + 1);
      for (let q = this.pools.length - 1; q >= 0; q--) later[q] = later[q + 1] + this.poolCount[q] * t.sharedBest[this.pools[q][0]];
      this.poolLater.set(b, later);
    }
    return later;
  }

  /** Bring the running sums up to date for price vectors added since the last leaf. */
  private sync(): void {
    this.search.pool.forEach((b, slot) => {
      if (this.known[slot] === b) return;
      this.known[slot] = b;
      const t = this.tablesOf(b);
      this.dots[slot] = this.partial.reduce((sum, n, type) => sum + n * b.gain[type], 0);
      this.carry[slot] = this.leftOver.reduce((sum, n, c) => sum + (this.own[c].length ? n * t.sharedBest[c] : 0), 0);
    });
  }

  private shift(t: number, n: number): void {
    const { pool } = this.search;
    for (let slot = 0; slot < pool.length; slot++) this.dots[slot] += n * pool[slot].gain[t];
  }

  private shiftCarry(c: number, n: number): void {
    const { pool } = this.search;
    for (let slot = 0; slot < pool.length; slot++) this.carry[slot] += n * this.tablesOf(pool[slot]).sharedBest[c];
  }

  /** Bound of a node whose current unit has `left` teachers with best remaining gain `rest`. */
  private boundOf(slot: number, b: PriceBound, firstUnit: number, pool: number, left: number, rest: number): number {
    const t = this.tablesOf(b);
    if (firstUnit >= 0) return t.base + this.dots[slot] + this.carry[slot] + left * rest + t.later[firstUnit + 1];
    return t.base + this.dots[slot] + left * rest + this.poolLaterOf(b)[pool + 1];
  }

  private restOf(b: PriceBound, firstUnit: number, pool: number, j: number): number {
    if (firstUnit >= 0) return this.tablesOf(b).ownRest[firstUnit][j];
    const options = this.shared[this.pools[pool][0]];
    let rest = 0;
    for (let jj = j; jj < options.length; jj++) rest = Math.max(rest, b.gain[options[jj]]);
    return rest;
  }

  private ruledOut(firstUnit: number, pool: number, j: number, left: number): boolean {
    const { mru } = this.search;
    for (let i = 0; i < mru.length; i++) {
      const b = this.search.pool[mru[i]];
      if (this.boundOf(mru[i], b, firstUnit, pool, left, this.restOf(b, firstUnit, pool, j)) <= this.search.incumbent) {
        // Move the useful vector forward: nearby nodes are likely ruled out by it too.
        if (i > 0) [mru[i - 1], mru[i]] = [mru[i], mru[i - 1]];
        return true;
      }
    }
    return false;
  }

  // ---- Enumeration ----

  /** Try n = incumbent's count first, then further and further; skip counts the best vectors rule out. */
  private branch(firstUnit: number, pool: number, j: number, left: number, type: number, preferred: number, go: (n: number) => void): void {
    const { mru } = this.search;
    let lo = 0;
    let hi = left;
    for (let i = 0; i < Math.min(RANGE_PRICE_VECTORS, mru.length) && lo <= hi; i++) {
      const b = this.search.pool[mru[i]];
      const rest = this.restOf(b, firstUnit, pool, j + 1);
      const room = this.search.incumbent - this.boundOf(mru[i], b, firstUnit, pool, left, rest);
      const d = b.gain[type] - rest;
      // A small margin keeps rounding from skipping a count that should be visited.
      if (d > 0) lo = Math.max(lo, Math.floor(room / d - SKIP_MARGIN) + 1);
      else if (d < 0) hi = Math.min(hi, Math.ceil(room / d + SKIP_MARGIN) - 1);
      else if (room > SKIP_MARGIN) hi = -1;
    }
    const start = Math.min(Math.max(preferred, lo), hi);
    for (let step = 0; step <= 2 * left + 1; step++) {
      const n = step === 0 ? start : step % 2 ? start - (step + 1) / 2 : start + step / 2;
      if (n < lo || n > hi) continue;
      this.partial[type] += n;
      this.shift(type, n);
      go(n);
      this.shift(type, -n);
      this.partial[type] -= n;
    }
  }

  /** Has this set of groups already been explored from this unit? */
  private once(key: string): boolean {
    const state = key + String.fromCharCode(...this.partial);
    if (this.visited.has(state)) return false;
    this.visited.add(state);
    return true;
  }

  /** Own phase: unit u decides its j-th own type, `left` teachers still free. */
  private visitOwn(u: number, j: number, left: number): void {
    if (!this.search.countNode()) return;
    const { teacherClasses } = this.problem;
    if (u === this.firstUnits.length) return this.startPools();
    if (j === 0 && !this.once(`a${u}|`)) return;
    if (this.ruledOut(u, -1, j, left)) return;
    const c = this.firstUnits[u];
    if (j === this.own[c].length) {
      this.leftOver[c] = left;
      this.shiftCarry(c, left);
      this.visitOwn(u + 1, 0, u + 1 < this.firstUnits.length ? teacherClasses[this.firstUnits[u + 1]].count : 0);
      this.shiftCarry(c, -left);
      this.leftOver[c] = 0;
      return;
    }
    const option = teacherClasses[c].types.indexOf(this.own[c][j]);
    this.branch(u, -1, j, left, this.own[c][j], this.search.incumbentUse[c][option], (n) => {
      this.ownUse[c][option] = n;
      this.visitOwn(u, j + 1, left - n);
      this.ownUse[c][option] = 0;
    });
  }

  private startPools(): void {
    this.poolCount = this.pools.map((members) => members.reduce((sum, c) => sum + this.leftOver[c], 0));
    this.poolLater.clear();
    this.visitPool(0, 0, this.pools.length ? this.poolCount[0] : 0);
  }

  /** Pool phase: pool q decides how many of its teachers lead its j-th shared type. */
  private visitPool(q: number, j: number, left: number): void {
    if (!this.search.countNode()) return;
    if (q === this.pools.length) return this.leaf();
    if (j === 0 && !this.once(`b${q}|`)) return;
    if (this.ruledOut(-1, q, j, left)) return;
    const options = this.shared[this.pools[q][0]];
    if (j === options.length) return this.visitPool(q + 1, 0, q + 1 < this.pools.length ? this.poolCount[q + 1] : 0);
    const t = options[j];
    const { teacherClasses } = this.problem;
    const preferred = this.pools[q].reduce((sum, c) => sum + this.search.incumbentUse[c][teacherClasses[c].types.indexOf(t)], 0);
    this.branch(-1, q, j, left, t, preferred, (n) => {
      this.poolUse[q][j] = n;
      this.visitPool(q, j + 1, left - n);
      this.poolUse[q][j] = 0;
    });
  }

  private leaf(): void {
    const before = this.search.incumbent;
    this.search.valueOf(this.partial);
    this.sync();
    if (this.search.incumbent > before) this.search.incumbentUse = this.useOfLeaf();
  }

  /** Teachers per class and type for a leaf: own types as decided, each pool's groups spread over its classes. */
  private useOfLeaf(): Use {
    const { teacherClasses } = this.problem;
    const use = this.ownUse.map((row) => [...row]);
    const free = [...this.leftOver];
    for (const [q, members] of this.pools.entries()) {
      for (const [j, t] of this.shared[members[0]].entries()) {
        let needed = this.poolUse[q][j];
        for (const c of members) {
          const n = Math.min(needed, free[c]);
          use[c][teacherClasses[c].types.indexOf(t)] += n;
          free[c] -= n;
          needed -= n;
        }
      }
    }
    return use;
  }
}
