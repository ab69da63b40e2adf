/**
 * « Exporter les groupes (CSV) »: the group memberships for the timetable and vie-scolaire tools
 * (Pronote, EDT-style imports), as a `;` CSV in UTF-8 with BOM, downloaded through the host.
 */
import { useState } from 'react';
import { Button, Caption1, makeStyles, tokens } from '@fluentui/react-components';
import { ArrowDownload20Regular } from '@fluentui/react-icons';
import { groupsCsv } from '../../core/followup/groupsExport';
import type { Generation } from '../../core/pipeline';
import type { Pilote } from '../usePilote';

const useStyles = makeStyles({
  box: { display: 'flex', flexDirection: 'column', alignItems: 'flex-start', gap: tokens.spacingVerticalXS, marginTop: tokens.spacingVerticalM },
  muted: { color: tokens.colorNeutralForeground2 },
});

export function GroupsCsvExport({ pilote, generation }: { pilote: Pilote; generation: Generation }) {
  const styles = useStyles();
  const [done, setDone] = useState<string>();

  async function run(): Promise<void> {
    try {
      const fileName = `pilote-ap-groupes-cycle-${generation.analysis.settings.general.cycle}.csv`;
      const bytes = new TextEncoder().encode(groupsCsv(generation.plan, generation.analysis.read.pupils));
      await pilote.host.deliverFile(fileName, bytes, 'text/csv;charset=utf-8');
      setDone(`Fichier téléchargé : « ${fileName} ».`);
    } catch (error) {
      pilote.report(error);
    }
  }

  return (
    <div className={styles.box}>
      <Button icon={<ArrowDownload20Regular />} onClick={() => void run()} disabled={!generation.plan.assignments.length}>
        Exporter les groupes (CSV)
      </Button>
      <Caption1 className={styles.muted}>
        Pour l’emploi du temps et la vie scolaire (Pronote, EDT) : nom, prénom, classe, INE, groupe, atelier, intervenant, barrette. Ce fichier nomme les élèves : il reste dans l’établissement.
      </Caption1>
      <div aria-live="polite">{done && <Caption1>{done}</Caption1>}</div>
    </div>
  );
}
