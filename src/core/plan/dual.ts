/**
 * Lagrangian bounds of the slot model and their improvement by exact line searches.
 *
 * For type prices π, any group vector g satisfies value(g) ≤ UB(π, g) where
 *   UB(π, g) = Σ_p max(0, max_t(value[p][t] − π_t)) + Σ_t π_t⁺·fixedSeats_t + Σ_t g_t·gain_t(π_t),
 *   gain_t(x) = cap_t·x when x ≥ 0, minSize_t·x when x < 0.
 * Over a set of group vectors (a node of the search: groups decided so far, teachers still free),
 * the bound is that expression with the free teachers taking their best option. It is convex in π;
 * moving π along one direction at a time to the exact minimum (a weighted-median search over the
 * breakpoints) gets it close to the linear relaxation's bound in a few passes.
 */
import type { SlotProblem } from './slotProblem';
import { FORBIDDEN } from './transport';

export interface NodeShape {
  /** Groups already decided, per type. */
  fixed: ArrayLike<number>;
  /** Free teachers: how many, and the types they may lead (leading nothing is always allowed). */
  free: { count: number; types: number[] }[];
}

/** gain_t(π_t): what one more group of type t adds to the bound. */
export function gain(problem: SlotProblem, t: number, price: number): number {
  return price >= 0 ? price * problem.cap[t] : price * problem.minSize[t];
}

/**
 * The part of UB(π, ·) that does not depend on the groups: Σ_p max(0, max_t(value − π_t)) plus the
 * seats of locked groups, Σ_t π_t⁺·fixedSeats_t. The search (search.ts) adds the groups' gains to it.
 */
export function basicBound(problem: SlotProblem, prices: ArrayLike<number>): number {
  const { pupils, types, values, fixedSeats } = problem;
  let bound = 0;
  for (let p = 0; p < pupils; p++) {
    let top = 0;
    for (let t = 0; t < types; t++) {
      const v = values[p * types + t];
      if (v !== FORBIDDEN && v - prices[t] > top) top = v - prices[t];
    }
    bound += top;
  }
  for (let t = 0; t < types; t++) if (prices[t] > 0) bound += prices[t] * fixedSeats[t];
  return bound;
}

export function nodeBound(problem: SlotProblem, prices: ArrayLike<number>, shape: NodeShape): number {
  let bound = basicBound(problem, prices);
  for (let t = 0; t < problem.types; t++) bound += shape.fixed[t] * gain(problem, t, prices[t]);
  for (const f of shape.free) {
    let best = 0;
    for (const t of f.types) best = Math.max(best, gain(problem, t, prices[t]));
    bound += f.count * best;
  }
  return bound;
}

/** Step s minimising the bound at prices + s·1_S (S: the types in `along`). */
function lineSearch(problem: SlotProblem, prices: Float64Array, shape: NodeShape, along: boolean[]): number {
  const { pupils, types, values, cap, minSize, fixedSeats } = problem;
  // A pupil's term is max(K, M − s): it falls by 1 per unit of s until s = M − K.
  const breaks: number[] = [];
  for (let p = 0; p < pupils; p++) {
    let inside = -Infinity;
    let outside = 0;
    for (let t = 0; t < types; t++) {
      const v = values[p * types + t];
      if (v === FORBIDDEN) continue;
      const x = v - prices[t];
      if (along[t]) inside = Math.max(inside, x);
      else outside = Math.max(outside, x);
    }
    if (inside > outside) breaks.push(inside - outside);
  }
  breaks.sort((a, b) => a - b);
  // Each free class is the upper envelope of a few lines in s.
  const envelopes = shape.free.map((f) => {
    const lines: [number, number][] = [[0, 0]];
    for (const t of f.types) {
      if (along[t]) lines.push([cap[t], cap[t] * prices[t]], [minSize[t], minSize[t] * prices[t]]);
      else lines.push([0, gain(problem, t, prices[t])]);
    }
    return { count: f.count, lines };
  });
  const candidates = [...breaks];
  for (let t = 0; t < types; t++) if (along[t]) candidates.push(-prices[t]);
  for (const { lines } of envelopes) {
    for (let i = 0; i < lines.length; i++) {
      for (let j = i + 1; j < lines.length; j++) {
        if (lines[i][0] !== lines[j][0]) candidates.push((lines[j][1] - lines[i][1]) / (lines[i][0] - lines[j][0]));
      }
    }
  }
  candidates.sort((a, b) => a - b);
  // Right derivative of the bound at s; it never decreases, so find where it turns non-negative.
  const slope = (s: number): number => {
    let lo = 0;
    let hi = breaks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (breaks[mid] <= s) lo = mid + 1;
      else hi = mid;
    }
    let value = -(breaks.length - lo);
    for (let t = 0; t < types; t++) {
      if (!along[t]) continue;
      const positive = prices[t] + s >= 0;
      if (positive) value += fixedSeats[t];
      value += shape.fixed[t] * (positive ? cap[t] : minSize[t]);
    }
    for (const { count, lines } of envelopes) {
      let best = -Infinity;
      let steepest = 0;
      for (const [a, c] of lines) {
        const y = a * s + c;
        if (y > best + 1e-9 || (Math.abs(y - best) <= 1e-9 && a > steepest)) {
          best = Math.max(best, y);
          steepest = a;
        }
      }
      value += count * steepest;
    }
    return value;
  };
  if (!candidates.length) return 0;
  let lo = 0;
  let hi = candidates.length - 1;
  if (slope(candidates[hi]) < 0) return 0;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (slope(candidates[mid]) >= 0) hi = mid;
    else lo = mid + 1;
  }
  return candidates[lo];
}

/**
 * Better prices for a node: exact steps along « all types » then each type alone, repeated
 * `rounds` times. Returns the prices and their bound (never worse than the start).
 */
export function descend(problem: SlotProblem, start: ArrayLike<number>, shape: NodeShape, rounds: number): { prices: Float64Array; bound: number } {
  let prices = Float64Array.from(start);
  let bound = nodeBound(problem, prices, shape);
  const { types } = problem;
  const directions = [new Array<boolean>(types).fill(true), ...Array.from({ length: types }, (_, t) => Array.from({ length: types }, (_, u) => u === t))];
  for (let round = 0; round < rounds; round++) {
    const before = bound;
    for (const along of directions) {
      const step = lineSearch(problem, prices, shape, along);
      if (step === 0) continue;
      const next = Float64Array.from(prices, (x, t) => (along[t] ? x + step : x));
      const value = nodeBound(problem, next, shape);
      if (value < bound) {
        prices = next;
        bound = value;
      }
    }
    if (bound >= before - 1e-6) break;
  }
  return { prices, bound };
}
