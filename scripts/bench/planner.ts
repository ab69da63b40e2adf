/**
 * Planner benchmark: a large lycée (2,000 pupils, 3 levels, 40 competencies, 60 teachers, 2 slots
 * per level). Prints the median time of the product's planner, the time of an exact MIP reference
 * (HiGHS on the same slot models, CPLEX LP format) and the gap between their objectives.
 */
import { computeNeeds } from '../../src/core/needs';
import { buildPlan, planGroups, type PlanningInput } from '../../src/core/plan';
import { slotProblemToLp } from '../../src/core/plan/lpFormat';
import { makeSchool } from '../../test/core/plan/fixtures';
import { figure } from './figures';

const RUNS = 7;
/** Per-slot time limit of the reference, in seconds. */
const REFERENCE_LIMIT = 120;

export async function bench(): Promise<void> {
  const school = makeSchool({ seed: 2026, pupils: 2000, levels: 3, competencies: 40, teachers: 60, slotsPerLevel: 2 });
  const needs = computeNeeds(school.pupils, school.competencies, school.settings);
  const input: PlanningInput = { pupils: school.pupils, needs, settings: school.settings, pins: [], history: [] };
  console.log('Planificateur (2 000 élèves, 3 niveaux, 40 compétences, 60 intervenants, 2 barrettes par niveau)');

  const times: number[] = [];
  for (let i = 0; i < RUNS + 1; i++) {
    const start = performance.now();
    await planGroups(input);
    if (i > 0) times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const { plan, traces } = buildPlan(input);
  figure('planner.pupils2000MedianMs', times[RUNS >> 1], 'ms');
  console.log(`  planificateur du produit : ${times[RUNS >> 1].toFixed(1)} ms (médiane de ${RUNS}, min ${times[0].toFixed(1)}, max ${times[RUNS - 1].toFixed(1)})`);
  console.log(`  ${plan.groups.length} groupes, ${plan.assignments.length} affectations, ${plan.unassigned.length} sans atelier`);

  const highs = await (await import('highs')).default();
  let referenceMs = 0;
  let gap = 0;
  let proven = true;
  for (const { slot, problem, solution } of traces) {
    const start = performance.now();
    const result = highs.solve(slotProblemToLp(problem), { output_flag: false, mip_rel_gap: 0, mip_abs_gap: 0.5, time_limit: REFERENCE_LIMIT });
    const ms = performance.now() - start;
    referenceMs += ms;
    proven &&= result.Status === 'Optimal';
    const reference = Math.round(result.ObjectiveValue);
    gap += reference - solution.objective;
    console.log(
      `    ${slot.id.padEnd(18)} ${String(problem.pupils).padStart(4)} élèves, ${problem.types} ateliers : référence ${ms.toFixed(0).padStart(6)} ms (${result.Status}), écart ${reference - solution.objective}`,
    );
  }
  figure('planner.referenceHighsMs', referenceMs, 'ms');
  figure('planner.gapToReference', gap, 'objective units');
  figure('planner.speedupOverReference', referenceMs / times[RUNS >> 1], 'x');
  console.log(`  référence exacte MIP (HiGHS) : ${(referenceMs / 1000).toFixed(1)} s au total${proven ? '' : ' (limite de temps atteinte sur une barrette)'}`);
  console.log(`  écart d'objectif (référence − produit) : ${gap}${gap === 0 ? ' (optimum atteint)' : ''}`);
}
