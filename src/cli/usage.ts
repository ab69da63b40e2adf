/** Usage texts, kept apart from the commands so that `pilote-ap help` loads nothing else. */

export const GENERATE_USAGE = `  pilote-ap generate <classeur> [autres fichiers…] -o <sortie.xlsx> [--json] [--strict] [--date AAAA-MM-JJ]
      Lit le positionnement, forme les groupes de besoin et écrit le classeur complété dans <sortie.xlsx>
      (les fichiers d'entrée ne sont jamais modifiés). Entrées acceptées : .xlsx, .xlsm, .ods, .csv,
      export SIECLE des élèves (.xml ou .zip) ; plusieurs fichiers sont lus comme un seul classeur.
      --json : rapport JSON sur la sortie standard.
      --strict : n'écrit rien (code 1) quand la lecture est douteuse (avertissements « Vérifiez la lecture »).`;

export const EXAMPLE_USAGE = `  pilote-ap example -o <fichier.xlsx>
      Écrit le classeur d'exemple (lycée fictif) pour essayer Pilote AP.`;

export const EXPORT_USAGE = `  pilote-ap export <classeur> [autres fichiers…] -o <export.xlsx|export.csv> [--uai <code>] [--date AAAA-MM-JJ]
      Écrit l'export anonyme et agrégé pour le rectorat (indicateurs seulement, effectifs < seuil masqués).
      L'UAI est lu dans AP Paramètres, sauf si --uai le donne.`;

export const CONSOLIDATE_USAGE = `  pilote-ap consolidate <export1.xlsx|.ods|.csv> [export2 ...] -o <academie.xlsx>
      Regroupe les exports des établissements : une feuille par indicateur, une ligne par établissement,
      les totaux par niveau, et la liste des fichiers rejetés avec le motif.`;

export const GROUPS_USAGE = `  pilote-ap groups <classeur> [autres fichiers…] -o <groupes.csv> [--date AAAA-MM-JJ]
      Forme les groupes et écrit leur composition (Nom ; Prénom ; Classe ; INE ; Groupe ; Atelier ;
      Intervenant ; Barrette) pour l'emploi du temps et la vie scolaire (CSV « ; », UTF-8 avec BOM).
      Ce fichier nomme les élèves : il reste dans l'établissement.`;

export const USAGE = `Utilisation :
${GENERATE_USAGE}
${EXAMPLE_USAGE}
${EXPORT_USAGE}
${CONSOLIDATE_USAGE}
${GROUPS_USAGE}
  pilote-ap help

Codes de sortie : 0 réussite, 1 fichier inutilisable, lecture douteuse avec --strict ou erreur d'écriture (message en français),
2 mauvaise utilisation de la commande.
`;
