/**
 * What the rectorat export may count: pupils of a level outside the closed list (a BTS section in the
 * same lycée, a level left blank) are left out of every figure — their rows, their groups, their results
 * — and the rest is exported. The indicators are computed again without them rather than trimmed, so
 * that totals, mastery and progress add up. `AP Indicateurs` keeps every pupil (it stays in the school).
 */
import { diagnostic, type Diagnostic } from '../diagnostics';
import { computeIndicators } from '../indicators/compute';
import type { IndicatorInput, Indicators } from '../indicators/types';
import { SHEET_NAMES } from '../workbook';
import { normalizeText } from '../text';
import { exportLevel } from './publicLabels';

/**
 * The indicators of the whole school, with the export's own view (`forExport`) when some pupils must be
 * left out: one warning per unrecognised level, naming the cell it comes from and the count of pupils,
 * never the level's text.
 */
export function indicatorsWithExportView(input: IndicatorInput): Indicators {
  const all = computeIndicators(input);
  // A pupil without level is outside the list too (the indicators give them a placeholder level).
  const outside = (level: string | undefined): boolean => !level || exportLevel(level) === null;
  const out = input.pupils.filter((p) => outside(p.level));
  if (!out.length && !all.levels.some(outside)) return all;
  const kept = new Set(input.pupils.filter((p) => !outside(p.level)).map((p) => p.id));
  const plan = input.plan;
  const filtered: IndicatorInput = {
    ...input,
    pupils: input.pupils.filter((p) => kept.has(p.id)),
    needs: input.needs.filter((n) => kept.has(n.pupilId)),
    plan: {
      ...plan,
      groups: plan.groups.filter((g) => !outside(g.level)).map((g) => ({ ...g, pupilIds: g.pupilIds.filter((id) => kept.has(id)) })),
      assignments: plan.assignments.filter((a) => kept.has(a.pupilId)),
      unassigned: plan.unassigned.filter((u) => kept.has(u.pupilId)),
    },
    history: input.history.filter((h) => kept.has(h.pupilId)),
    rounds: input.rounds.map((r) => ({ ...r, results: r.results.filter((x) => kept.has(x.pupilId)) })),
    ...(input.hours && { hours: { ...input.hours, perLevel: input.hours.perLevel.filter((h) => !outside(h.level)) } }),
    ...(input.attendance && { attendance: input.attendance.filter((a) => kept.has(a.pupilId)) }),
  };
  return { ...all, forExport: { indicators: computeIndicators(filtered), leftOut: leftOutWarnings(input, out) } };
}

function leftOutWarnings(input: IndicatorInput, out: IndicatorInput['pupils']): Diagnostic[] {
  const byLevel = new Map<string, IndicatorInput['pupils']>();
  for (const p of out) byLevel.set(normalizeText(p.level), [...(byLevel.get(normalizeText(p.level)) ?? []), p]);
  return [...byLevel.entries()].map(([level, pupils]) => {
    const cell = input.settings.classLevels.find((c) => c.source && normalizeText(c.level) === level)?.source ?? pupils[0].sources[0];
    const count = `${pupils.length} élève${pupils.length > 1 ? 's' : ''}`;
    return diagnostic(
      'warning',
      cell?.sheet ?? SHEET_NAMES.parameters,
      cell?.cell ?? '',
      `${count} d’un niveau non reconnu pour l’export (niveau lu en ${cell ? `${cell.sheet}!${cell.cell}` : 'AP Paramètres'}) : laissé${pupils.length > 1 ? 's' : ''} hors de l’export pour le rectorat, le reste est exporté. Pour ${pupils.length > 1 ? 'les ' : 'l’'}inclure, indiquez un niveau de la liste dans la section « Classes » d’AP Paramètres.`,
    );
  });
}
