/**
 * Requirement sets Pilote AP uses in Excel, checked at start so that an older Excel gets a plain French
 * message instead of a failure deep inside a generation.
 */

/** A capability the running Excel lacks, said in French. */
export interface MissingRequirement {
  requirement: string;
  message: string;
  /** True when the add-in cannot generate at all without it (else it only degrades, as said). */
  blocking?: boolean;
}

export type IsSetSupported = (name: string, minVersion: string) => boolean;

interface RequirementCheck {
  set: string;
  version: string;
  /** True when nothing can be generated without it. */
  blocking: boolean;
  message: string;
}

const CHECKS: RequirementCheck[] = [
  {
    set: 'ExcelApi',
    version: '1.9',
    blocking: true,
    message:
      'Cette version d’Excel est trop ancienne pour Pilote AP : il lui manque l’API Excel 1.9 (lecture des ' +
      'couleurs de cellules, des lignes masquées et des formules en un seul échange). Elle est présente dans ' +
      'Microsoft 365 (version 1903 ou ultérieure), Excel 2021 et plus récent, Excel sur le web et Excel pour ' +
      'Mac 16.24 ou ultérieur ; Excel 2016 et Excel 2019 ne suffisent pas. Mettez Excel à jour ou ouvrez le ' +
      'classeur dans Excel sur le web.',
  },
  {
    set: 'ExcelApi',
    version: '1.13',
    blocking: false,
    message:
      'Les cellules fusionnées ne peuvent pas être lues dans cette version d’Excel (il faut l’API Excel 1.13 : ' +
      'Microsoft 365 version 2102 ou ultérieure, Excel 2021, Excel sur le web). Un en-tête sur deux lignes ' +
      'dont les disciplines sont fusionnées risque d’être mal compris : vérifiez la correspondance des ' +
      'colonnes dans l’étape « Sources ». Le reste fonctionne.',
  },
  {
    set: 'DialogApi',
    version: '1.1',
    blocking: false,
    message:
      'Le bouton « Générer les groupes » du ruban ne peut pas afficher son compte rendu dans une fenêtre : ' +
      'il ouvrira simplement la feuille « AP Groupes ». Le volet Pilote AP fonctionne normalement.',
  },
];

function officeIsSetSupported(name: string, minVersion: string): boolean {
  if (typeof Office === 'undefined' || !Office.context?.requirements) return false;
  return Office.context.requirements.isSetSupported(name, minVersion);
}

/** Requirement sets this Excel lacks, most serious first (empty when everything is there). */
export function missingRequirements(isSupported: IsSetSupported = officeIsSetSupported): MissingRequirement[] {
  return CHECKS.filter((check) => !isSupported(check.set, check.version)).map((check) => ({
    requirement: `${check.set} ${check.version}`,
    message: check.message,
    blocking: check.blocking,
  }));
}

/** Can this Excel read merged areas (ExcelApi 1.13)? */
export function supportsMergedAreas(isSupported: IsSetSupported = officeIsSetSupported): boolean {
  return isSupported('ExcelApi', '1.13');
}
