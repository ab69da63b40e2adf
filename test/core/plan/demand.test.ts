/** Disciplines spelled differently still meet; needs nobody can serve are warnings with a cell and a count. */
import { describe, expect, it } from 'vitest';
import type { MasteryLevel } from '../../../src/core/model';
import { computeNeeds } from '../../../src/core/needs';
import { buildPlan } from '../../../src/core/plan';
import { competencies, pupil, settingsWith, slot, teacher, workshop } from './scenario';

const comps = competencies({ Mathématiques: 6, Français: 6 });
const weak: MasteryLevel[] = [1, 1, 1, 1, 1, 3];
const monday = slot('2nde', 'lundi', '10h');
const pupils = Array.from({ length: 8 }, (_, i) => pupil(`D${i}`, '2nde', { Mathématiques: weak, Français: [3, 3, 3, 3, 3, 3] }));

function planWith(teacherDiscipline: string, workshopDiscipline: string) {
  const settings = settingsWith({
    slots: [monday],
    teachers: [{ ...teacher('M. Dupont', [teacherDiscipline], ['remediation'], [monday]), source: { sheet: 'AP Intervenants', cell: 'B7' } }],
    workshopTypes: [{ ...workshop(`Remédiation ${workshopDiscipline}`, 'remediation', 12, 1, workshopDiscipline), source: { sheet: 'AP Ateliers', cell: 'C5' } }],
  });
  return buildPlan({ pupils, needs: computeNeeds(pupils, comps, settings), settings, pins: [], history: [] }).plan;
}

describe('one vocabulary in the planner', () => {
  it('forms the maths groups whether the sheets say « Maths », « Math. » or « Mathématique »', () => {
    for (const [t, w] of [['Maths', 'Mathématique'], ['Math.', 'Mathématiques'], ['mathématiques', 'Maths']]) {
      const plan = planWith(t, w);
      expect(plan.groups).toHaveLength(1);
      expect(plan.groups[0].pupilIds).toHaveLength(8);
      expect(plan.diagnostics.filter((d) => d.severity === 'warning')).toEqual([]);
    }
  });

  it('warns, with the cell and the number of pupils, when a workshop discipline matches no teacher', () => {
    const plan = planWith('Maths', 'Mathémtiques');
    const about = plan.diagnostics.filter((d) => d.severity === 'warning' && d.sheet === 'AP Ateliers');
    expect(about.some((d) => d.cell === 'C5' && /inconnue du vocabulaire/.test(d.message))).toBe(true);
    expect(plan.diagnostics.some((d) => d.severity === 'warning' && /8 élèves ont un besoin fort en mathématiques, mais aucun atelier de remédiation mathématiques/.test(d.message))).toBe(true);
    expect(plan.groups).toHaveLength(0);
  });

  it('says loudly when a strong need has workshops but no teacher free on the level’s slots', () => {
    const settings = settingsWith({
      slots: [monday],
      teachers: [teacher('M. Dupont', ['Maths'], ['remediation'], [])],
      workshopTypes: [{ ...workshop('Remédiation Mathématiques', 'remediation', 12, 1, 'Mathématiques'), source: { sheet: 'AP Ateliers', cell: 'A4' } }],
    });
    const plan = buildPlan({ pupils, needs: computeNeeds(pupils, comps, settings), settings, pins: [], history: [] }).plan;
    const warning = plan.diagnostics.find((d) => d.severity === 'warning' && d.cell === 'A4');
    expect(warning?.message).toBe('8 élèves de 2nde ont un besoin fort en mathématiques, mais aucun intervenant libre sur leurs barrettes ne peut animer « Remédiation Mathématiques ».');
  });
});
