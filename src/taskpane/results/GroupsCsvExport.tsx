/**
 * « Exporter les groupes (CSV) »: the group memberships for the timetable and vie-scolaire tools
 * (Pronote, EDT-style imports), as a `;` CSV in UTF-8 with BOM, downloaded through the host.
 */
import { useState } from 'react';
import { Button, Caption1, makeStyles, tokens } from '@fluentui/react-components';
import { ArrowDownload20Regular } from '@fluentui/react-icons';
import { groupMembershipRows, groupsCsv } from '../../core/followup/groupsExport';
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
      const { plan } = generation;
      const pupils = generation.analysis.read.pupils;
      const bytes = new TextEncoder().encode(groupsCsv(plan, pupils));
      // Where the pane cannot download (Excel for Mac), the same rows open as a new workbook.
      const asWorkbook = async () => {
        const { writeXlsx } = await import(/* webpackChunkName: "export" */ '../../gateways/xlsx/xlsxGateway');
        return writeXlsx([{ name: 'Groupes', role: 'output', cells: groupMembershipRows(plan, pupils) }]);
      };
      const outcome = await pilote.host.deliverFile(fileName, bytes, 'text/csv;charset=utf-8', asWorkbook);
      setDone(
        outcome === 'new-workbook'
          ? 'Groupes ouverts dans un nouveau classeur Excel : enregistrez-le au format « CSV UTF-8 » (Fichier > Enregistrer sous) pour l’emploi du temps ou la vie scolaire.'
          : `Fichier téléchargé : « ${fileName} ».`,
      );
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
