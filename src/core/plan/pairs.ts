/**
 * « Regroupé avec » / « Séparé de » (EDT pre-term lists, read/assemble.ts): a repair pass on one slot's
 * groups, after the slot's exact solution. The solver's model (objective.ts) has no value that depends
 * on who else sits in a group, so the pairs are honoured here, by the smallest changes:
 *
 * - « Séparé de », both pupils in one group: one of them moves to another open group with room, or is
 *   exchanged with a pupil of another group when none has room — a group of the same workshop when
 *   there is one (nothing lost), else the open workshop where they lose least under the objective;
 * - « Regroupé avec », pupils in two groups: one of them joins the other's group, by a swap with a pupil
 *   of that group when both groups run the same workshop (sizes unchanged), or by a move into it when it
 *   has room (the least loss first).
 *
 * A move never exceeds a group's cap, never takes a group below its minimum size (or empties it), never
 * moves a locked pupil (locks win), never sends a pupil where the objective forbids it, and never undoes
 * a pair already met. Without pairs, the groups are left exactly as the solver made them.
 */
import type { PairConstraint, WorkshopType } from '../model';
import type { GroupDraft } from './groups';

export interface PairRepairInput {
  /** The slot's groups; their `pupilIds` are changed in place. */
  drafts: GroupDraft[];
  /** All pairs of the plan: only those whose two pupils are placed in these groups apply. */
  pairs: readonly PairConstraint[];
  /**
   * Value of the pupil in a workshop type under the objective, or undefined where the pupil may not go
   * (rotation, a lock keeping another type).
   */
  value: (pupilId: string, type: WorkshopType) => number | undefined;
  nameOf: (pupilId: string) => string;
}

export interface UnmetPair {
  pair: PairConstraint;
  /** French: why it could not be met in this slot. */
  why: string;
}

export interface PairRepair {
  /** What to add to the « Pourquoi » of each pupil moved, by pupil id. */
  notes: Map<string, string>;
  /** Pairs of this slot still unmet after the pass. */
  unmet: UnmetPair[];
}

interface Move {
  pupilId: string;
  to: GroupDraft;
}

interface Candidate {
  moves: Move[];
  /** Objective lost by the moves (≥ 0 in practice; same workshop: 0). */
  loss: number;
  notes: [string, string][];
}

export function honourPairs(input: PairRepairInput): PairRepair {
  const { drafts, value, nameOf } = input;
  const groupOf = new Map<string, GroupDraft>();
  for (const d of drafts) for (const id of d.pupilIds) groupOf.set(id, d);
  const pairs = input.pairs.filter((p) => groupOf.has(p.pupilIds[0]) && groupOf.has(p.pupilIds[1]));
  const notes = new Map<string, string>();
  if (!pairs.length) return { notes, unmet: [] };

  const pairsOf = new Map<string, PairConstraint[]>();
  for (const pair of pairs) for (const id of pair.pupilIds) pairsOf.set(id, [...(pairsOf.get(id) ?? []), pair]);
  const met = (pair: PairConstraint, where: (id: string) => GroupDraft | undefined): boolean =>
    (where(pair.pupilIds[0]) === where(pair.pupilIds[1])) === (pair.relation === 'together');
  const movable = (id: string, to: GroupDraft): boolean => !groupOf.get(id)!.locked.has(id) && value(id, to.type) !== undefined;
  const lossOf = (id: string, to: GroupDraft): number => (value(id, groupOf.get(id)!.type) ?? 0) - (value(id, to.type) ?? 0);

  /** Caps, minimum sizes and every pair already met hold after the moves, and `target` is met. */
  const acceptable = (moves: Move[], target: PairConstraint): boolean => {
    const after = new Map(moves.map((m) => [m.pupilId, m.to]));
    const where = (id: string) => after.get(id) ?? groupOf.get(id);
    const size = new Map<GroupDraft, number>();
    for (const m of moves) {
      const from = groupOf.get(m.pupilId)!;
      size.set(from, (size.get(from) ?? from.pupilIds.length) - 1);
      size.set(m.to, (size.get(m.to) ?? m.to.pupilIds.length) + 1);
    }
    for (const [group, n] of size) {
      if (n > group.capacity) return false;
      if (!group.locked.size && n < Math.max(1, group.minSize) && n < group.pupilIds.length) return false;
    }
    if (!met(target, where)) return false;
    const touched = new Set(moves.flatMap((m) => pairsOf.get(m.pupilId) ?? []));
    return [...touched].every((pair) => !met(pair, (id) => groupOf.get(id)) || met(pair, where));
  };

  const apply = (candidate: Candidate): void => {
    for (const { pupilId, to } of candidate.moves) {
      const from = groupOf.get(pupilId)!;
      from.pupilIds.splice(from.pupilIds.indexOf(pupilId), 1);
      to.pupilIds.push(pupilId);
      groupOf.set(pupilId, to);
    }
    for (const [id, note] of candidate.notes) notes.set(id, notes.has(id) ? `${notes.get(id)} ; ${note}` : note);
  };

  const apartCandidates = (pair: PairConstraint): Candidate[] => {
    const [a, b] = pair.pupilIds;
    const from = groupOf.get(a)!;
    return [a, b].flatMap((mover) => {
      const other = mover === a ? b : a;
      const note: [string, string] = [mover, `séparé(e) de ${nameOf(other)} à la demande de l’équipe`];
      return drafts
        .filter((to) => to !== from && movable(mover, to))
        .flatMap((to) => [
          { moves: [{ pupilId: mover, to }], loss: lossOf(mover, to), notes: [note] },
          // When no group has room: an exchange with a pupil of the other group.
          ...to.pupilIds
            .filter((c) => movable(c, from))
            .map((c) => ({
              moves: [{ pupilId: mover, to }, { pupilId: c, to: from }],
              loss: lossOf(mover, to) + lossOf(c, from),
              notes: [note, [c, `changé(e) de groupe pour séparer ${nameOf(a)} et ${nameOf(b)} à la demande de l’équipe`]] as [string, string][],
            })),
        ]);
    });
  };

  const togetherCandidates = (pair: PairConstraint): Candidate[] => {
    const [a, b] = pair.pupilIds;
    return [a, b].flatMap((mover) => {
      const other = mover === a ? b : a;
      const from = groupOf.get(mover)!;
      const to = groupOf.get(other)!;
      if (!movable(mover, to)) return [];
      const note: [string, string] = [mover, `regroupé(e) avec ${nameOf(other)} à la demande de l’équipe`];
      const join: Candidate = { moves: [{ pupilId: mover, to }], loss: lossOf(mover, to), notes: [note] };
      if (from.type !== to.type) return [join];
      const swaps = to.pupilIds
        .filter((c) => c !== other && movable(c, from))
        .map((c) => ({
          moves: [{ pupilId: mover, to }, { pupilId: c, to: from }],
          loss: 0,
          notes: [note, [c, `changé(e) de groupe pour regrouper ${nameOf(a)} et ${nameOf(b)} à la demande de l’équipe`]] as [string, string][],
        }));
      return [...swaps, join];
    });
  };

  // « Séparé de » first: a separation asked for is a stronger request than a grouping. Each repair meets
  // one more pair and unmeets none, so sweeping again until nothing changes ends.
  let pending = [...pairs.filter((p) => p.relation === 'apart'), ...pairs.filter((p) => p.relation === 'together')];
  for (let changed = true; changed; ) {
    changed = false;
    pending = pending.filter((pair) => {
      if (met(pair, (id) => groupOf.get(id))) return false;
      const candidates = pair.relation === 'apart' ? apartCandidates(pair) : togetherCandidates(pair);
      // Stable sort: the same workshop first, then least loss, then fewest pupils moved, then the order built above.
      const changes = (c: Candidate) => c.moves.filter((m) => m.to.type !== groupOf.get(m.pupilId)!.type).length;
      candidates.sort((x, y) => changes(x) - changes(y) || x.loss - y.loss || x.moves.length - y.moves.length);
      const chosen = candidates.find((c) => acceptable(c.moves, pair));
      if (chosen) apply(chosen);
      changed ||= !!chosen;
      return !chosen;
    });
  }
  const unmet = pending.map((pair) => ({ pair, why: whyUnmet(pair, groupOf) }));
  return { notes, unmet };
}

function whyUnmet(pair: PairConstraint, groupOf: Map<string, GroupDraft>): string {
  const [a, b] = pair.pupilIds.map((id) => groupOf.get(id)!);
  const locked = pair.pupilIds.filter((id) => groupOf.get(id)!.locked.has(id)).length;
  if (locked === 2) return 'les deux élèves sont verrouillés par la coordination : le verrou l’emporte';
  const lockNote = locked ? 'l’un est verrouillé par la coordination (le verrou l’emporte) et ' : '';
  if (pair.relation === 'apart') {
    return `${lockNote}aucun autre groupe ouvert ne peut ${locked ? 'accueillir l’autre' : 'accueillir l’un d’eux'}, même par échange (effectif maximum, effectif minimum, historique ou autre contrainte de paire)`;
  }
  const where = a.type === b.type ? `deux groupes « ${a.type.id} »` : `« ${a.type.id} » et « ${b.type.id} »`;
  return `${lockNote}placés en ${where}, sans échange ni place possible pour les réunir`;
}
