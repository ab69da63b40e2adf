/** French wording of needs, shared by the planner's explanations and the output sheets. */
import type { Need, NeedKind, PupilProfile, PupilProject } from '../model';
import { KIND_LABELS } from '../settings/settings';
import { frenchNumber } from '../text';

/** « Mathématiques » -> « mathématiques » inside a sentence; acronyms (« PSE ») stay as they are. */
export function disciplineInSentence(discipline: string): string {
  const second = discipline.charAt(1);
  if (second && second === second.toUpperCase() && second !== second.toLowerCase()) return discipline;
  return discipline.charAt(0).toLowerCase() + discipline.slice(1);
}

const KIND_NAMES: Record<NeedKind, string> = {
  remediation: 'Remédiation',
  methodology: 'Aide méthodologique',
  orientation: 'Orientation / projet',
  enrichment: 'Approfondissement',
};

/** Full label: « Remédiation mathématiques », « Aide méthodologique »... */
export function needLabel(need: Pick<Need, 'kind' | 'discipline'>): string {
  if (need.kind === 'remediation' && need.discipline) return `Remédiation ${disciplineInSentence(need.discipline)}`;
  return KIND_NAMES[need.kind];
}

/** Short label used when comparing needs: « Français », « Méthodologie »... */
export function needShortLabel(need: Pick<Need, 'kind' | 'discipline'>): string {
  if (need.kind === 'remediation' && need.discipline) return need.discipline;
  return KIND_LABELS[need.kind];
}

/** « Remédiation mathématiques (0,82) » */
export function needWithScore(need: Need): string {
  return `${needLabel(need)} (${frenchNumber(need.score)})`;
}

export const PROFILE_LABELS: Record<PupilProfile, string> = {
  content: 'Contents d’être là',
  maybe: 'Pourquoi pas ?',
  despite: 'Malgré eux',
};

export const PROJECT_LABELS: Record<PupilProject, string> = {
  'further-study': 'projet BTS',
  employment: 'projet d’insertion professionnelle',
  bridge: 'projet de passerelle',
  undecided: 'projet à construire',
};

/** « profil « Malgré eux » » */
export function profilePhrase(profile: PupilProfile): string {
  return `profil « ${PROFILE_LABELS[profile]} »`;
}
