/**
 * Exact solve of one slot's model (see slotProblem.ts).
 *
 * The only hard decision is how many groups of each type to open; for given groups, the pupils'
 * assignment is a transportation problem that `Transport` keeps optimal incrementally.
 * 1. A greedy opening and a local search (one teacher switches workshop) give a good incumbent.
 * 2. Every solved assignment yields dual prices π; for ANY other group vector g,
 *      Σ_p max(0, max_t(value − π_t)) + Σ_t (π_t⁺·(fixedSeats_t + cap_t·g_t) − π_t⁻·minSize_t·g_t)
 *    bounds its value from above (Lagrangian duality, see dual.ts, which also improves the prices
 *    towards the linear relaxation's). 3. A depth-first enumeration of the teachers' choices
 *    (enumeration.ts: types only one class can lead, then pools of teachers sharing the same other
 *    types) drops every branch that one of the collected price vectors bounds below the incumbent,
 *    explores each set of groups decided so far once, and solves the assignment of the leaves left.
 * Nothing dropped can beat the incumbent, so the result is optimal, not merely good. A (huge) node
 * budget keeps a pathological instance from freezing the host: the result then says it is unproven.
 */
import type { SlotProblem, SlotSolution } from './slotProblem';
import { basicBound, descend, gain } from './dual';
import { Enumeration, type PriceBound, type SearchAccess, type Use } from './enumeration';
import { Transport } from './transport';

/** Price vectors kept; the most recently useful are tried first, the least useful dropped. */
const MAX_PRICE_VECTORS = 24;
/** Passes of price improvement (dual.ts) before the enumeration. */
const ROOT_ROUNDS = 1;
/** Price vectors used to rank the heuristic's moves (any subset gives a valid bound). */
const MOVE_PRICE_VECTORS = 8;
/** Enumeration nodes allowed before giving up the proof (about a second or two). */
const NODE_BUDGET = 5_000_000;

class SlotSearch implements SearchAccess {
  private readonly transport: Transport;
  /** Group vector the transport currently holds. */
  private readonly groups: number[];
  /** Teachers of each class leading each of its types, for the group vector being built. */
  private readonly use: Use;
  /** Price vectors, in fixed slots; `mru` lists the slots, most recently useful first. */
  readonly pool: PriceBound[] = [];
  readonly mru: number[] = [];
  private readonly seen = new Map<string, number>();
  incumbent = -Infinity;
  private incumbentGroups: number[] = [];
  incumbentUse: Use = [];
  private incumbentBound: PriceBound | null = null;
  private evaluations = 0;
  private nodes = 0;

  constructor(readonly problem: SlotProblem) {
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
      proven: this.nodes <= NODE_BUDGET,
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
    const { types, teacherClasses } = this.problem;
    let best = basicBound(this.problem, prices);
    const gains = Float64Array.from({ length: types }, (_, t) => gain(this.problem, t, prices[t]));
    const classBest = new Float64Array(teacherClasses.length);
    teacherClasses.forEach((c, i) => {
      let top = 0;
      for (const t of c.types) if (gains[t] > top) top = gains[t];
      classBest[i] = top;
      best += top * c.count;
    });
    return { prices, best, gain: gains, classBest };
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
  valueOf(target: number[]): number {
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

  /** For the first price vectors: the bound of the current teachers' choices (moves then add gains). */
  private currentBounds(): { b: PriceBound; value: number }[] {
    const { teacherClasses } = this.problem;
    return this.mru.slice(0, MOVE_PRICE_VECTORS).map((slot) => {
      const b = this.pool[slot];
      let value = b.best;
      teacherClasses.forEach((c, i) => {
        let used = 0;
        c.types.forEach((t, j) => {
          value += this.use[i][j] * (b.gain[t] - b.classBest[i]);
          used += this.use[i][j];
        });
        value -= (c.count - used) * b.classBest[i];
      });
      return { b, value };
    });
  }

  /**
   * Try moves of one teacher (class c, option index from -> to, -1 meaning « leads nothing »),
   * most promising first, and keep the first that improves the incumbent.
   */
  private improveBy(moves: { c: number; from: number; to: number }[]): boolean {
    const { teacherClasses } = this.problem;
    const typeOf = (c: number, j: number): number => (j < 0 ? -1 : teacherClasses[c].types[j]);
    const current = this.currentBounds();
    // A move's bound under each vector: the current one, less the gain left, plus the gain taken.
    const moveBound = (from: number, to: number): number =>
      Math.min(...current.map(({ b, value }) => value - (from >= 0 ? b.gain[from] : 0) + (to >= 0 ? b.gain[to] : 0)));
    const candidates = moves
      .map((m) => ({ ...m, bound: moveBound(typeOf(m.c, m.from), typeOf(m.c, m.to)) }))
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

  /** Prove the incumbent optimal (or improve it) by the enumeration of enumeration.ts. */
  private prove(): void {
    const { teacherClasses, types } = this.problem;
    if (!this.incumbentBound || teacherClasses.length === 0) return;
    // Prices near the linear relaxation's optimum bound every group vector tightly.
    const root = descend(this.problem, this.incumbentBound.prices, { fixed: new Array<number>(types).fill(0), free: teacherClasses }, ROOT_ROUNDS);
    this.addBound(this.boundFrom(root.prices));
    new Enumeration(this, this.incumbentBound, MAX_PRICE_VECTORS).run();
    this.restoreIncumbent();
  }

  countNode(): boolean {
    return ++this.nodes <= NODE_BUDGET;
  }
}

export function solveSlot(problem: SlotProblem): SlotSolution {
  return new SlotSearch(problem).solve();
}
