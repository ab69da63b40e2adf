/**
 * Exact solve of one slot's model (see slotProblem.ts).
 *
 * The only hard decision is how many groups of each type to open; for given groups, the pupils'
 * assignment is a transportation problem that `Transport` keeps optimal incrementally.
 * 1. A greedy opening and a local search (one teacher switches workshop) give a good incumbent.
 * 2. Every solved assignment yields dual prices π; for ANY other group vector g,
 *      Σ_p max(0, max_t(value − π_t)) + Σ_t (π_t⁺·(fixedSeats_t + cap_t·g_t) − π_t⁻·minSize_t·g_t)
 *    bounds its value from above (Lagrangian duality, see dual.ts, which also improves the prices
 *    towards the linear relaxation's). A depth-first enumeration of the teachers' choices (types
 *    only one class can lead, then pools of teachers sharing the same other types) drops every
 *    branch that one of the collected price vectors bounds below the incumbent, explores each set
 *    of groups decided so far once, and solves the assignment of the leaves that remain.
 * Nothing dropped can beat the incumbent, so the result is optimal, not merely good. A (huge) node
 * budget keeps a pathological instance from freezing the host: the result then says it is unproven.
 */
import type { SlotProblem, SlotSolution } from './slotProblem';
import { basicBound, descend, gain } from './dual';
import { Transport } from './transport';

/** Price vectors kept; the most recently useful are tried first, the least useful dropped. */
const MAX_PRICE_VECTORS = 24;
/** Passes of price improvement (dual.ts) before the enumeration. */
const ROOT_ROUNDS = 1;
/** Price vectors used to rank the heuristic's moves (any subset gives a valid bound). */
const MOVE_PRICE_VECTORS = 8;
/** Price vectors used to skip whole ranges of counts before visiting them. */
const RANGE_PRICE_VECTORS = 4;
/** Rounding margin when skipping counts: never skip one whose bound is within it of the incumbent. */
const SKIP_MARGIN = 1e-6;
/** Enumeration nodes allowed before giving up the proof (about a second or two). */
const NODE_BUDGET = 5_000_000;

interface PriceBound {
  prices: Float64Array;
  /** Upper bound when every teacher class takes its best option under these prices. */
  best: number;
  /** gain[t]: bound contribution of one group of type t. */
  gain: Float64Array;
  /** classBest[c]: best gain of one teacher of class c (0 when leading nothing is best). */
  classBest: Float64Array;
}

type Use = number[][];

class SlotSearch {
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
  private nodes = 0;

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

  /**
   * Enumerate the teachers' choices and solve the leaves no price vector rules out. First each class
   * decides how many of its teachers lead the types only it can lead; the teachers left over then
   * join a pool per set of shared types (all classes that can lead « Méthodologie » or
   * « Approfondissement », say), and each pool decides its split once instead of class by class.
   * Units with a clear best choice come first; each tries the incumbent's counts first; each set of
   * groups decided at a unit boundary is explored once; counts a price vector rules out are skipped.
   */
  private prove(): void {
    const { teacherClasses, types } = this.problem;
    if (!this.incumbentBound || teacherClasses.length === 0) return;
    // Prices near the linear relaxation's optimum bound every group vector tightly.
    const root = descend(this.problem, this.incumbentBound.prices, { fixed: new Array<number>(types).fill(0), free: teacherClasses }, ROOT_ROUNDS);
    this.addBound(this.boundFrom(root.prices));
    const lead = this.incumbentBound;
    const owners = new Array<number>(types).fill(0);
    for (const c of teacherClasses) for (const t of c.types) owners[t]++;
    const byGain = (list: number[]): number[] => [...list].sort((a, b) => lead.gain[b] - lead.gain[a] || a - b);
    const margin = (list: number[]): number => {
      const options = [0, ...list.map((t) => lead.gain[t])].sort((a, b) => b - a);
      return options[0] - options[1];
    };
    const own = teacherClasses.map((c) => byGain(c.types.filter((t) => owners[t] === 1)));
    const shared = teacherClasses.map((c) => byGain(c.types.filter((t) => owners[t] > 1)));
    const firstUnits = teacherClasses.map((_, c) => c).filter((c) => own[c].length).sort((a, b) => margin(own[b]) - margin(own[a]) || a - b);
    const poolOf = new Map<string, number[]>();
    teacherClasses.forEach((_, c) => {
      if (!shared[c].length) return;
      const key = shared[c].join(',');
      poolOf.set(key, [...(poolOf.get(key) ?? []), c]);
    });
    const pools = [...poolOf.values()].sort((a, b) => margin(shared[b[0]]) - margin(shared[a[0]]) || a[0] - b[0]);
    const optionIndex = (c: number, t: number): number => teacherClasses[c].types.indexOf(t);

    /** Per price vector, what does not change during the enumeration. */
    interface Tables {
      base: number;
      sharedBest: Float64Array;
      /** ownRest[u][j]: best gain of the u-th first unit from its j-th own type on, or by moving on to its pool. */
      ownRest: Float64Array[];
      /** later[u]: Σ count·classBest of the first units after u and of the classes without own types. */
      later: Float64Array;
    }
    const tables = new Map<PriceBound, Tables>();
    const tablesOf = (b: PriceBound): Tables => {
      let t = tables.get(b);
      if (t) return t;
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
      tables.set(b, t);
      return t;
    };

    const partial = new Array<number>(types).fill(0);
    const leftOver = teacherClasses.map((c) => (own[teacherClasses.indexOf(c)].length ? 0 : c.count));
    const ownUse = teacherClasses.map((c) => new Array<number>(c.types.length).fill(0));
    const poolUse = pools.map((members) => new Array<number>(shared[members[0]].length).fill(0));
    const visited = new Set<string>();
    // dots[slot]: Σ partial·gain; carry[slot]: Σ leftOver·sharedBest of the classes whose own part is decided.
    const dots = new Float64Array(MAX_PRICE_VECTORS);
    const carry = new Float64Array(MAX_PRICE_VECTORS);
    const known: (PriceBound | undefined)[] = [];
    const sync = (): void => {
      this.pool.forEach((b, slot) => {
        if (known[slot] === b) return;
        known[slot] = b;
        const t = tablesOf(b);
        dots[slot] = partial.reduce((sum, n, type) => sum + n * b.gain[type], 0);
        carry[slot] = leftOver.reduce((sum, n, c) => sum + (own[c].length ? n * t.sharedBest[c] : 0), 0);
      });
    };
    const shift = (t: number, n: number): void => {
      for (let slot = 0; slot < this.pool.length; slot++) dots[slot] += n * this.pool[slot].gain[t];
    };
    const shiftCarry = (c: number, n: number): void => {
      for (let slot = 0; slot < this.pool.length; slot++) carry[slot] += n * tablesOf(this.pool[slot]).sharedBest[c];
    };

    // Pool phase: counts and, per vector, Σ count·best of the pools from q on.
    let poolCount: number[] = [];
    const poolLater = new Map<PriceBound, Float64Array>();
    const poolLaterOf = (b: PriceBound): Float64Array => {
      let later = poolLater.get(b);
      if (!later) {
        const t = tablesOf(b);
        later = new Float64Array(pools.length + 1);
        for (let q = pools.length - 1; q >= 0; q--) later[q] = later[q + 1] + poolCount[q] * t.sharedBest[pools[q][0]];
        poolLater.set(b, later);
      }
      return later;
    };

    /** Bound of a node whose current unit has `left` teachers with best remaining gain `rest(b)`. */
    const boundOf = (slot: number, b: PriceBound, firstUnit: number, pool: number, left: number, rest: number): number => {
      const t = tablesOf(b);
      if (firstUnit >= 0) return t.base + dots[slot] + carry[slot] + left * rest + t.later[firstUnit + 1];
      return t.base + dots[slot] + left * rest + poolLaterOf(b)[pool + 1];
    };
    const restOf = (b: PriceBound, firstUnit: number, pool: number, j: number): number => {
      if (firstUnit >= 0) return tablesOf(b).ownRest[firstUnit][j];
      const options = shared[pools[pool][0]];
      let rest = 0;
      for (let jj = j; jj < options.length; jj++) rest = Math.max(rest, b.gain[options[jj]]);
      return rest;
    };
    const ruledOut = (firstUnit: number, pool: number, j: number, left: number): boolean => {
      const mru = this.mru;
      for (let i = 0; i < mru.length; i++) {
        const b = this.pool[mru[i]];
        if (boundOf(mru[i], b, firstUnit, pool, left, restOf(b, firstUnit, pool, j)) <= this.incumbent) {
          // Move the useful vector forward: nearby nodes are likely ruled out by it too.
          if (i > 0) [mru[i - 1], mru[i]] = [mru[i], mru[i - 1]];
          return true;
        }
      }
      return false;
    };
    /** Try n = incumbent's count first, then further and further; skip counts the best vectors rule out. */
    const branch = (firstUnit: number, pool: number, j: number, left: number, type: number, preferred: number, go: (n: number) => void): void => {
      let lo = 0;
      let hi = left;
      for (let i = 0; i < Math.min(RANGE_PRICE_VECTORS, this.mru.length) && lo <= hi; i++) {
        const b = this.pool[this.mru[i]];
        const rest = restOf(b, firstUnit, pool, j + 1);
        const room = this.incumbent - boundOf(this.mru[i], b, firstUnit, pool, left, rest);
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
        partial[type] += n;
        shift(type, n);
        go(n);
        shift(type, -n);
        partial[type] -= n;
      }
    };
    const once = (key: string): boolean => {
      const state = key + String.fromCharCode(...partial);
      if (visited.has(state)) return false;
      visited.add(state);
      return true;
    };

    const visitOwn = (u: number, j: number, left: number): void => {
      if (++this.nodes > NODE_BUDGET) return;
      if (u === firstUnits.length) return startPools();
      if (j === 0 && !once(`a${u}|`)) return;
      if (ruledOut(u, -1, j, left)) return;
      const c = firstUnits[u];
      if (j === own[c].length) {
        leftOver[c] = left;
        shiftCarry(c, left);
        visitOwn(u + 1, 0, u + 1 < firstUnits.length ? teacherClasses[firstUnits[u + 1]].count : 0);
        shiftCarry(c, -left);
        leftOver[c] = 0;
        return;
      }
      const option = optionIndex(c, own[c][j]);
      branch(u, -1, j, left, own[c][j], this.incumbentUse[c][option], (n) => {
        ownUse[c][option] = n;
        visitOwn(u, j + 1, left - n);
        ownUse[c][option] = 0;
      });
    };
    const startPools = (): void => {
      poolCount = pools.map((members) => members.reduce((sum, c) => sum + leftOver[c], 0));
      poolLater.clear();
      visitPool(0, 0, pools.length ? poolCount[0] : 0);
    };
    const preferredInPool = (q: number, t: number): number =>
      pools[q].reduce((sum, c) => sum + this.incumbentUse[c][optionIndex(c, t)], 0);
    const visitPool = (q: number, j: number, left: number): void => {
      if (++this.nodes > NODE_BUDGET) return;
      if (q === pools.length) return leaf();
      if (j === 0 && !once(`b${q}|`)) return;
      if (ruledOut(-1, q, j, left)) return;
      const options = shared[pools[q][0]];
      if (j === options.length) return visitPool(q + 1, 0, q + 1 < pools.length ? poolCount[q + 1] : 0);
      const t = options[j];
      branch(-1, q, j, left, t, preferredInPool(q, t), (n) => {
        poolUse[q][j] = n;
        visitPool(q, j + 1, left - n);
        poolUse[q][j] = 0;
      });
    };
    const leaf = (): void => {
      const before = this.incumbent;
      this.valueOf(partial);
      sync();
      if (this.incumbent > before) this.incumbentUse = this.useOf(ownUse, pools, poolUse, leftOver, shared);
    };

    sync();
    visitOwn(0, 0, firstUnits.length ? teacherClasses[firstUnits[0]].count : 0);
    this.restoreIncumbent();
  }

  /** Teachers per class and type for a leaf: own types as decided, each pool's groups spread over its classes. */
  private useOf(ownUse: Use, pools: number[][], poolUse: number[][], leftOver: number[], shared: number[][]): Use {
    const { teacherClasses } = this.problem;
    const use = ownUse.map((row) => [...row]);
    const free = [...leftOver];
    for (const [q, members] of pools.entries()) {
      for (const [j, t] of shared[members[0]].entries()) {
        let needed = poolUse[q][j];
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

export function solveSlot(problem: SlotProblem): SlotSolution {
  return new SlotSearch(problem).solve();
}
