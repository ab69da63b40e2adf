/**
 * Exact solve of one slot's model (see slotProblem.ts).
 *
 * The only hard decision is how many groups of each type to open; for given groups, the pupils'
 * assignment is a transportation problem that `Transport` keeps optimal incrementally.
 * 1. A greedy opening and a local search (one teacher switches workshop) give a good incumbent.
 * 2. Every solved assignment yields dual prices π; for ANY other group vector g,
 *      Σ_p max(0, max_t(value − π_t)) + Σ_t (π_t⁺·(fixedSeats_t + cap_t·g_t) − π_t⁻·minSize_t·g_t)
 *    bounds its value from above (Lagrangian duality). A depth-first enumeration of the teachers'
 *    choices, class by class, drops every branch that one of the collected price vectors bounds
 *    below the incumbent, and solves the assignment of the leaves that remain.
 * Nothing dropped can beat the incumbent, so the result is optimal, not merely good.
 */
import type { SlotProblem, SlotSolution } from './slotProblem';
import { descend } from './dual';
import { FORBIDDEN, Transport } from './transport';

/** Price vectors kept; the most recently useful are tried first, the least useful dropped. */
const MAX_PRICE_VECTORS = 24;
/** Passes of price improvement at the root of the enumeration and at each class boundary. */
const ROOT_ROUNDS = 4;
/** Price vectors used to rank the heuristic's moves (any subset gives a valid bound). */
const MOVE_PRICE_VECTORS = 8;

interface PriceBound {
  prices: Float64Array;
  /** Upper bound when every teacher class takes its best option under these prices. */
  best: number;
  /** gain[t]: bound contribution of one group of type t. */
  gain: Float64Array;
  /** classBest[c]: best gain of one teacher of class c (0 when leading nothing is best). */
  classBest: Float64Array;
  /** During the enumeration: Σ count·classBest over its first d classes. */
  prefix?: Float64Array;
  /** During the enumeration: rest[c][j], best gain of class c among its options from the j-th on. */
  rest?: Float64Array[];
}

type Use = number[][];

export class SlotSearch {
  private readonly transport: Transport;
  /** Group vector the transport currently holds. */
  private readonly groups: number[];
  /** Teachers of each class leading each of its types, for the group vector being built. */
  private readonly use: Use;
  /** Price vectors, in fixed slots; `mru` lists the slots, most recently useful first. */
  private readonly pool: PriceBound[] = [];
  private readonly mru: number[] = [];
  private readonly seen = new Map<string, number>();
  private incumbent = -Infinity;
  private incumbentGroups: number[] = [];
  private incumbentUse: Use = [];
  private incumbentBound: PriceBound | null = null;
  private evaluations = 0;

  constructor(private readonly problem: SlotProblem) {
    this.transport = new Transport(problem.values, problem.pupils, problem.types);
    this.groups = new Array<number>(problem.types).fill(0);
    this.use = problem.teacherClasses.map((c) => new Array<number>(c.types.length).fill(0));
    this.transport.setBounds(problem.fixedSeats.map((seats, type) => ({ type, lower: 0, upper: seats })));
    this.record();
  }

  solve(): SlotSolution {
    this.greedy();
    this.localSearch();
    this.prove();
    this.moveTo(this.incumbentGroups);
    const typeOf = new Int32Array(this.problem.pupils);
    for (let p = 0; p < this.problem.pupils; p++) typeOf[p] = this.transport.typeOf(p);
    return {
      groups: [...this.incumbentGroups],
      use: this.incumbentUse.map((row) => [...row]),
      typeOf,
      objective: this.transport.objective,
      evaluations: this.evaluations,
    };
  }

  /** Value of the transport's group vector (−∞ when minimum sizes cannot be met); keeps its prices. */
  private record(): number {
    const key = this.groups.join(',');
    const known = this.seen.get(key);
    if (known !== undefined) return known;
    this.evaluations++;
    const value = this.transport.feasible ? this.transport.objective : -Infinity;
    this.seen.set(key, value);
    if (value === -Infinity) return value;
    const bound = this.boundFrom(this.transport.prices());
    this.addBound(bound);
    if (value > this.incumbent) {
      this.incumbent = value;
      this.incumbentGroups = [...this.groups];
      this.incumbentUse = this.use.map((row) => [...row]);
      this.incumbentBound = bound;
    }
    return value;
  }

  /** Keep a price vector, in place of the one that has been useful least recently. */
  private addBound(bound: PriceBound): void {
    const slot = this.pool.length < MAX_PRICE_VECTORS ? this.pool.length : this.mru.pop()!;
    this.pool[slot] = bound;
    this.mru.unshift(slot);
  }

  private boundFrom(prices: Float64Array): PriceBound {
    const { pupils, types, values, cap, minSize, fixedSeats, teacherClasses } = this.problem;
    let best = 0;
    for (let p = 0; p < pupils; p++) {
      let top = 0;
      for (let t = 0; t < types; t++) {
        const v = values[p * types + t];
        if (v !== FORBIDDEN && v - prices[t] > top) top = v - prices[t];
      }
      best += top;
    }
    const gain = new Float64Array(types);
    for (let t = 0; t < types; t++) {
      const price = prices[t];
      if (price > 0) best += price * fixedSeats[t];
      gain[t] = price > 0 ? price * cap[t] : price * minSize[t];
    }
    const classBest = new Float64Array(teacherClasses.length);
    teacherClasses.forEach((c, i) => {
      let top = 0;
      for (const t of c.types) if (gain[t] > top) top = gain[t];
      classBest[i] = top;
      best += top * c.count;
    });
    return { prices, best, gain, classBest };
  }

  /** Re-solve the assignment for another group vector (only the changed types are touched). */
  private moveTo(target: number[]): void {
    const changes: { type: number; lower: number; upper: number }[] = [];
    const { cap, minSize, fixedSeats } = this.problem;
    for (let t = 0; t < target.length; t++) {
      if (target[t] === this.groups[t]) continue;
      this.groups[t] = target[t];
      changes.push({ type: t, lower: minSize[t] * target[t], upper: fixedSeats[t] + cap[t] * target[t] });
    }
    if (changes.length) this.transport.setBounds(changes);
  }

  /** Value of a group vector, with `use` describing the teachers that lead it. */
  private valueOf(target: number[]): number {
    const known = this.seen.get(target.join(','));
    if (known !== undefined) return known;
    this.moveTo(target);
    return this.record();
  }

  private restoreIncumbent(): void {
    this.incumbentUse.forEach((row, i) => row.forEach((v, j) => (this.use[i][j] = v)));
    this.moveTo(this.incumbentGroups);
  }

  private idle(c: number): number {
    return this.problem.teacherClasses[c].count - this.use[c].reduce((a, b) => a + b, 0);
  }

  /** Smallest bound, over the price vectors, of the incumbent changed by one group less of `from` and one more of `to` (-1: none). */
  private moveBound(from: number, to: number): number {
    let bound = Infinity;
    const { teacherClasses } = this.problem;
    for (const b of this.mru.slice(0, MOVE_PRICE_VECTORS).map((slot) => this.pool[slot])) {
      let value = b.best;
      teacherClasses.forEach((c, i) => {
        let used = 0;
        c.types.forEach((t, j) => {
          value += this.use[i][j] * (b.gain[t] - b.classBest[i]);
          used += this.use[i][j];
        });
        value -= (c.count - used) * b.classBest[i];
      });
      if (from >= 0) value -= b.gain[from];
      if (to >= 0) value += b.gain[to];
      if (value < bound) bound = value;
    }
    return bound;
  }

  /**
   * Try moves of one teacher (class c, option index from -> to, -1 meaning « leads nothing »),
   * most promising first, and keep the first that improves the incumbent.
   */
  private improveBy(moves: { c: number; from: number; to: number }[]): boolean {
    const { teacherClasses } = this.problem;
    const typeOf = (c: number, j: number): number => (j < 0 ? -1 : teacherClasses[c].types[j]);
    const candidates = moves
      .map((m) => ({ ...m, bound: this.moveBound(typeOf(m.c, m.from), typeOf(m.c, m.to)) }))
      .filter((m) => m.bound > this.incumbent)
      .sort((a, b) => b.bound - a.bound || a.c - b.c || a.from - b.from || a.to - b.to);
    const base = [...this.incumbentGroups];
    const baseValue = this.incumbent;
    for (const { c, from, to } of candidates) {
      const target = [...base];
      if (from >= 0) target[typeOf(c, from)]--;
      if (to >= 0) target[typeOf(c, to)]++;
      if (from >= 0) this.use[c][from]--;
      if (to >= 0) this.use[c][to]++;
      const value = this.valueOf(target);
      if (from >= 0) this.use[c][from]++;
      if (to >= 0) this.use[c][to]--;
      if (value > baseValue) break;
    }
    this.restoreIncumbent();
    return this.incumbent > baseValue;
  }

  /** Open one more group while that improves the value. */
  private greedy(): void {
    const { teacherClasses } = this.problem;
    for (;;) {
      const moves: { c: number; from: number; to: number }[] = [];
      teacherClasses.forEach((c, i) => {
        if (this.idle(i) > 0) c.types.forEach((_, j) => moves.push({ c: i, from: -1, to: j }));
      });
      if (!this.improveBy(moves)) return;
    }
  }

  /** Let one teacher switch workshop, start or stop leading one, while that improves the value. */
  private localSearch(): void {
    const { teacherClasses } = this.problem;
    for (;;) {
      const moves: { c: number; from: number; to: number }[] = [];
      teacherClasses.forEach((c, i) => {
        for (let from = -1; from < c.types.length; from++) {
          if (from < 0 ? this.idle(i) === 0 : this.use[i][from] === 0) continue;
          for (let to = -1; to < c.types.length; to++) if (to !== from) moves.push({ c: i, from, to });
        }
      });
      if (!this.improveBy(moves)) return;
    }
  }

  /**
   * Enumerate the teachers' choices class by class and solve the leaves no price vector rules out.
   * Classes with a clear best choice come first and classes torn between options last, so that
   * ties multiply as few branches as possible; each class tries the incumbent's choice first.
   */
  private prove(): void {
    const { teacherClasses, types } = this.problem;
    if (!this.incumbentBound || teacherClasses.length === 0) return;
    // Prices near the linear relaxation's optimum bound every group vector tightly.
    const root = descend(this.problem, this.incumbentBound.prices, { fixed: new Array<number>(types).fill(0), free: teacherClasses }, ROOT_ROUNDS);
    this.addBound(this.boundFrom(root.prices));
    // The incumbent's own prices order the enumeration: they separate clear choices from ties best.
    const lead = this.incumbentBound;
    const order = teacherClasses.map((c) => c.types.map((_, j) => j).sort((a, b) => lead.gain[c.types[b]] - lead.gain[c.types[a]] || a - b));
    const margin = teacherClasses.map((c) => {
      const options = [0, ...c.types.map((t) => lead.gain[t])].sort((a, b) => b - a);
      return options[0] - options[1];
    });
    const levels = teacherClasses.map((_, i) => i).sort((a, b) => margin[b] - margin[a] || a - b);
    const partial = new Array<number>(types).fill(0);
    const visited = new Set<string>();
    // Per vector (by pool slot): Σ partial·gain, kept along the path.
    const dots = new Float64Array(MAX_PRICE_VECTORS);
    const known: (PriceBound | undefined)[] = [];
    const sync = (): void => {
      this.pool.forEach((b, slot) => {
        if (known[slot] === b) return;
        known[slot] = b;
        let dot = 0;
        for (let t = 0; t < types; t++) dot += partial[t] * b.gain[t];
        dots[slot] = dot;
        // Bound of the first d classes at their best, and the best gain of class c from option j on.
        b.prefix = new Float64Array(levels.length + 1);
        levels.forEach((c, d) => (b.prefix![d + 1] = b.prefix![d] + teacherClasses[c].count * b.classBest[c]));
        b.rest = teacherClasses.map((klass, c) => {
          const rest = new Float64Array(klass.types.length + 1);
          for (let j = klass.types.length - 1; j >= 0; j--) rest[j] = Math.max(rest[j + 1], b.gain[klass.types[order[c][j]]]);
          return rest;
        });
      });
    };
    const shift = (t: number, n: number): void => {
      for (let slot = 0; slot < this.pool.length; slot++) dots[slot] += n * this.pool[slot].gain[t];
    };
    // Can some price vector show that no completion of this node beats the incumbent?
    const ruledOut = (level: number, c: number, j: number, left: number): boolean => {
      const mru = this.mru;
      for (let i = 0; i < mru.length; i++) {
        const slot = mru[i];
        const b = this.pool[slot];
        if (b.best - b.prefix![level + 1] + dots[slot] + left * b.rest![c][j] <= this.incumbent) {
          // Move the useful vector forward: nearby nodes are likely ruled out by it too.
          if (i > 0) [mru[i - 1], mru[i]] = [slot, mru[i - 1]];
          return true;
        }
      }
      return false;
    };
    const visit = (level: number, j: number, left: number): void => {
      const c = levels[level];
      if (j === 0) {
        // Below a class boundary, the subtree only depends on the groups decided so far.
        const state = String.fromCharCode(level, ...partial);
        if (visited.has(state)) return;
        visited.add(state);
      }
      if (ruledOut(level, c, j, left)) return;
      const klass = teacherClasses[c];
      if (j === klass.types.length) {
        if (level + 1 < levels.length) visit(level + 1, 0, teacherClasses[levels[level + 1]].count);
        else {
          this.valueOf(partial);
          sync();
        }
        return;
      }
      const option = order[c][j];
      const t = klass.types[option];
      // Counts from the incumbent's outwards: start, start − 1, start + 1, start − 2...
      const start = Math.min(this.incumbentUse[c][option], left);
      for (let step = 0; step <= 2 * left + 1; step++) {
        const n = step === 0 ? start : step % 2 ? start - (step + 1) / 2 : start + step / 2;
        if (n < 0 || n > left) continue;
        partial[t] += n;
        this.use[c][option] = n;
        shift(t, n);
        visit(level, j + 1, left - n);
        shift(t, -n);
        partial[t] -= n;
        this.use[c][option] = 0;
      }
    };
    for (const row of this.use) row.fill(0);
    sync();
    visit(0, 0, teacherClasses[levels[0]].count);
    this.restoreIncumbent();
  }
}

export function solveSlot(problem: SlotProblem): SlotSolution {
  return new SlotSearch(problem).solve();
}
