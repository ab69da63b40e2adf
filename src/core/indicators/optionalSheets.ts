/**
 * Indicators from optional sheets the coordinator may keep (seed 004). Documented layouts, read
 * only when the sheet exists; each has a header row within its first 30 rows:
 *
 * - `AP Projets`: « Projet », « Nature » (pluridisciplinaire, culturel, international; several
 *   separated by commas), optionally « Élèves » (pupils involved, a number). One row per project.
 * - `AP Satisfaction`: « Question », « Répondants », « Satisfaits » (numbers). One row per question
 *   of the survey.
 */
import { diagnostic, type Diagnostic } from '../diagnostics';
import type { WorkbookSnapshot } from '../grid';
import { listValue, readHeaderTable, sectionValue } from '../settings/sections';
import { parameterValue, type ValueRule } from '../settings/values';
import { cellText, normalizeText } from '../text';
import { TOTAL_KEY } from './tally';
import type { IndicatorTable, ProjectNature, SchoolProject, SurveyQuestion } from './types';

export const PROJECTS_SHEET = 'AP Projets';
export const SURVEY_SHEET = 'AP Satisfaction';

const HEADCOUNT: ValueRule = { quantity: 'pupils', integer: true, min: 0 };


const NATURES: { key: ProjectNature; label: string; pattern: RegExp }[] = [
  { key: 'pluridisciplinary', label: 'Projets pluridisciplinaires', pattern: /pluri|interdisc/ },
  { key: 'cultural', label: 'Projets culturels', pattern: /cultur|artist|patrimoine/ },
  { key: 'international', label: 'Projets internationaux', pattern: /internat|europ|erasmus|etranger/ },
  { key: 'other', label: 'Autres projets', pattern: /.*/ },
];

export interface OptionalSheets {
  projects: SchoolProject[] | null;
  survey: SurveyQuestion[] | null;
  diagnostics: Diagnostic[];
}

function natureOf(text: string): ProjectNature {
  return NATURES.find((n) => n.pattern.test(normalizeText(text)))!.key;
}

/** The optional sheets' content; null for a sheet the workbook does not have. */
export function readOptionalSheets(snapshot: WorkbookSnapshot): OptionalSheets {
  const diagnostics: Diagnostic[] = [];
  const find = (name: string) => snapshot.grids.find((g) => normalizeText(g.sheet) === normalizeText(name));
  let projects: SchoolProject[] | null = null;
  const projectsGrid = find(PROJECTS_SHEET);
  if (projectsGrid) {
    const table = readHeaderTable(projectsGrid, ['Projet', 'Nature']);
    if (!table) diagnostics.push(diagnostic('warning', projectsGrid.sheet, '', 'en-têtes « Projet » et « Nature » introuvables : les projets ne sont pas comptés.'));
    projects = (table?.rows ?? [])
      .filter((row) => cellText(sectionValue(row, 'Projet')))
      .map((row) => {
        const natures = [...new Set(listValue(sectionValue(row, 'Nature')).map(natureOf))];
        const at = { sheet: projectsGrid.sheet, cell: row.addressOf('Élèves'), subject: `les élèves du projet « ${cellText(sectionValue(row, 'Projet'))} »`, fallback: 'effectif non compté' };
        return { natures: natures.length ? natures : ['other'], pupils: parameterValue(sectionValue(row, 'Élèves'), HEADCOUNT, at, diagnostics) };
      });
  }
  let survey: SurveyQuestion[] | null = null;
  const surveyGrid = find(SURVEY_SHEET);
  if (surveyGrid) {
    const table = readHeaderTable(surveyGrid, ['Question', 'Répondants', 'Satisfaits']);
    if (!table) diagnostics.push(diagnostic('warning', surveyGrid.sheet, '', 'en-têtes « Question », « Répondants » et « Satisfaits » introuvables : l’enquête n’est pas comptée.'));
    survey = [];
    for (const row of table?.rows ?? []) {
      const question = cellText(sectionValue(row, 'Question'));
      if (!question) continue;
      const at = (header: string) => ({ sheet: surveyGrid.sheet, cell: row.addressOf(header), subject: `« ${header} » de la question « ${question} »`, fallback: 'question ignorée' });
      const refusals = diagnostics.length;
      const respondents = parameterValue(sectionValue(row, 'Répondants'), HEADCOUNT, at('Répondants'), diagnostics);
      const satisfied = parameterValue(sectionValue(row, 'Satisfaits'), HEADCOUNT, at('Satisfaits'), diagnostics);
      if (diagnostics.length > refusals) continue;
      if (respondents === null || satisfied === null || satisfied > respondents) {
        diagnostics.push(diagnostic('warning', surveyGrid.sheet, row.addressOf('Satisfaits'), `« ${question} » : satisfaits et répondants attendus, satisfaits au plus égal aux répondants ; question ignorée.`));
        continue;
      }
      survey.push({ question, respondents, satisfied });
    }
  }
  return { projects, survey, diagnostics };
}

const ESTABLISHMENT = [{ key: TOTAL_KEY, label: 'Établissement' }];

export function schoolProjectsTable(projects: SchoolProject[]): IndicatorTable {
  return {
    id: 'school-projects',
    title: 'Projets pluridisciplinaires, culturels et internationaux',
    rowHeader: 'Nature',
    columns: ESTABLISHMENT,
    rows: NATURES.map((nature) => ({
      key: nature.key,
      label: nature.label,
      unit: 'count' as const,
      cells: [projects.filter((p) => p.natures.includes(nature.key)).length],
    })),
    lastColumnIsSum: false,
    note: `Feuille ${PROJECTS_SHEET} : une ligne par projet (« Projet », « Nature ») ; un projet de plusieurs natures compte dans chacune.`,
  };
}

export function surveyTable(survey: SurveyQuestion[]): IndicatorTable {
  return {
    id: 'survey',
    title: 'Enquête de satisfaction',
    rowHeader: 'Question',
    columns: ESTABLISHMENT,
    rows: survey.map((q, i) => ({ key: `q${i + 1}`, label: q.question, unit: 'pupilShare' as const, cells: [{ num: q.satisfied, den: q.respondents }] })),
    lastColumnIsSum: false,
    note: `Feuille ${SURVEY_SHEET} : part des répondants satisfaits, question par question (« Satisfaits » ÷ « Répondants »).`,
  };
}
