/**
 * The optimisation model of one slot (barrette), in plain numbers: which workshops to open with the
 * teachers free in the slot, and which workshop each pupil of the level attends.
 *
 *   maximise   Σ value[p][t] · x[p][t]
 *   subject to Σ_t x[p][t] ≤ 1                                   (a pupil attends one workshop)
 *              Σ_p x[p][t] ≤ fixedSeats[t] + cap[t] · groups[t]   (seats of the open groups)
 *              Σ_p x[p][t] ≥ minSize[t] · groups[t]               (each opened group is big enough)
 *              groups[t] = Σ_j y[j][t],  Σ_t y[j][t] ≤ |teachers of class j|, y integer ≥ 0
 *
 * Groups of one type share their seats: n pupils fit in g groups of cap c and minimum m exactly
 * when m·g ≤ n ≤ c·g, so the split into groups is done afterwards. Every value carries a
 * placement bonus larger than all need scores together, so the model first places as many pupils
 * as it can, then serves the strongest weighted needs.
 */

/** A class of interchangeable teachers: how many, and which types (indices) they can lead. */
export interface TeacherClass {
  count: number;
  types: number[];
}

export interface SlotProblem {
  pupils: number;
  types: number;
  /** values[p * types + t]: integer value of pupil p in type t, or FORBIDDEN (-1). */
  values: Int32Array;
  cap: number[];
  minSize: number[];
  /** Seats already open in locked groups (their teachers are not in teacherClasses). */
  fixedSeats: number[];
  teacherClasses: TeacherClass[];
}

export interface SlotSolution {
  /** Groups opened per type (locked groups not included). */
  groups: number[];
  /** use[c][i]: teachers of class c leading type teacherClasses[c].types[i]. */
  use: number[][];
  /** Type index per pupil, -1 when the pupil has no workshop. */
  typeOf: Int32Array;
  /** Sum of the values of the placed pupils. */
  objective: number;
  /** Group vectors whose assignment was solved (search effort). */
  evaluations: number;
  /** False only when the enumeration hit its node budget: the plan is good but not proven optimal. */
  proven: boolean;
}
