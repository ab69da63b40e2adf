/**
 * The JSON report of a generation (`pilote-ap generate --json`). Later versions may add fields,
 * never remove these.
 */
import type { Diagnostic } from './diagnostics';
import type { Generation } from './pipeline';

export interface JsonReport {
  pupils: number;
  groups: { id: string; level: string; slot: string; workshop: string; type: string; teacher: string; capacity: number; size: number }[];
  assignments: { pupil: string; class: string; level: string; group: string; reason: string }[];
  unassigned: { pupil: string; class: string; reason: string }[];
  diagnostics: Diagnostic[];
  summary: Generation['summary'];
  sheets: string[];
}

export function toJsonReport(generation: Generation): JsonReport {
  const pupils = new Map(generation.analysis.read.pupils.map((p) => [p.id, p]));
  return {
    pupils: generation.analysis.read.pupils.length,
    groups: generation.plan.groups.map((g) => ({
      id: g.id,
      level: g.level,
      slot: g.slotId,
      workshop: g.workshopTypeId,
      type: g.kind,
      teacher: g.teacher,
      capacity: g.capacity,
      size: g.pupilIds.length,
    })),
    assignments: generation.plan.assignments.map((a) => {
      const pupil = pupils.get(a.pupilId);
      return { pupil: pupil?.displayName ?? a.pupilId, class: pupil?.className ?? '', level: pupil?.level ?? '', group: a.groupId, reason: a.reason };
    }),
    unassigned: generation.plan.unassigned.map((u) => {
      const pupil = pupils.get(u.pupilId);
      return { pupil: pupil?.displayName ?? u.pupilId, class: pupil?.className ?? '', reason: u.reason };
    }),
    diagnostics: generation.diagnostics,
    summary: generation.summary,
    sheets: generation.sheets.map((s) => s.name),
  };
}
