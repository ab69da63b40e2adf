/**
 * The slot model written as a MIP in CPLEX LP format, for an independent exact solve (HiGHS) that
 * checks the planner's optimum in tests and in the benchmark. Same model as slotProblem.ts, with
 * no aggregation: one variable per pupil and type, one integer per teacher class and type.
 */
import type { SlotProblem } from './slotProblem';
import { FORBIDDEN } from './transport';

export function slotProblemToLp(problem: SlotProblem): string {
  const { pupils, types, values, cap, minSize, fixedSeats, teacherClasses } = problem;
  const objective: string[] = [];
  const rows: string[] = [];
  const perType: string[][] = Array.from({ length: types }, () => []);
  for (let p = 0; p < pupils; p++) {
    const row: string[] = [];
    for (let t = 0; t < types; t++) {
      const v = values[p * types + t];
      if (v === FORBIDDEN) continue;
      const name = `x${p}_${t}`;
      objective.push(`${v} ${name}`);
      row.push(name);
      perType[t].push(name);
    }
    if (row.length) rows.push(` pupil${p}: ${row.join(' + ')} <= 1`);
  }
  const teachersOf: string[][] = Array.from({ length: types }, () => []);
  const integers: string[] = [];
  const bounds: string[] = [];
  teacherClasses.forEach((c, i) => {
    const vars = c.types.map((t) => {
      const name = `y${i}_${t}`;
      teachersOf[t].push(name);
      integers.push(name);
      bounds.push(` 0 <= ${name} <= ${c.count}`);
      return name;
    });
    if (vars.length) rows.push(` class${i}: ${vars.join(' + ')} <= ${c.count}`);
  });
  for (let t = 0; t < types; t++) {
    const seats = perType[t].length ? perType[t].join(' + ') : '0 y_empty';
    const up = teachersOf[t].map((y) => ` - ${cap[t]} ${y}`).join('');
    rows.push(` seats${t}: ${seats}${up} <= ${fixedSeats[t]}`);
    if (minSize[t] > 0 && teachersOf[t].length) {
      const down = teachersOf[t].map((y) => ` - ${minSize[t]} ${y}`).join('');
      rows.push(` minimum${t}: ${seats}${down} >= 0`);
    }
  }
  return [
    'Maximize',
    ` value: ${objective.length ? objective.join(' + ') : '0 y_empty'}`,
    'Subject To',
    ...rows,
    'Bounds',
    ...bounds,
    ' 0 <= y_empty <= 0',
    ...(integers.length ? ['Generals', ...integers.map((v) => ` ${v}`)] : []),
    'End',
    '',
  ].join('\n');
}
