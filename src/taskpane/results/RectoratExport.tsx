/**
 * « Exporter pour le rectorat »: checks the establishment's UAI (saved into `AP Paramètres` when
 * typed here), builds the anonymous export (loaded on demand with ExcelJS) and hands it to the host:
 * a new workbook in Excel where supported, else a download.
 */
import { useState } from 'react';
import { Button, Caption1, Field, Input, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { ArrowExportLtr20Regular } from '@fluentui/react-icons';
import { formatDiagnostic } from '../../core/diagnostics';
import { checkUai } from '../../core/export/uai';
import type { Generation } from '../../core/pipeline';
import { todayIso } from '../engine';
import { generalParameterCell } from '../parameterCells';
import type { Pilote } from '../usePilote';

const useStyles = makeStyles({
  box: { display: 'flex', flexDirection: 'column', alignItems: 'flex-start', gap: tokens.spacingVerticalS, marginTop: tokens.spacingVerticalM },
  form: { display: 'flex', flexWrap: 'wrap', alignItems: 'end', gap: tokens.spacingHorizontalS },
  uai: { width: '140px' },
  muted: { color: tokens.colorNeutralForeground2 },
});

export function RectoratExport({ pilote, generation }: { pilote: Pilote; generation: Generation }) {
  const styles = useStyles();
  const saved = String(generation.analysis.settings.general.uai ?? '');
  const [uai, setUai] = useState(saved);
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string>();
  const check = checkUai(uai);

  async function run(): Promise<void> {
    setTouched(true);
    if (!check.ok) return;
    setBusy(true);
    setDone(undefined);
    try {
      const cell = pilote.snapshot ? generalParameterCell(pilote.snapshot, 'uai') : null;
      if (cell && check.uai !== saved) await pilote.writeCell(cell.sheet, cell.cell, check.uai, `UAI enregistré : ${check.uai}`);
      const { buildRectoratFile } = await import(/* webpackChunkName: "export" */ './rectoratFile');
      const { file, diagnostics } = await buildRectoratFile(generation, { today: todayIso(), uai: check.uai });
      if (!file) throw new Error(diagnostics.map(formatDiagnostic).join(' '));
      const outcome = await pilote.host.deliverFile(file.fileName, file.bytes, file.mimeType);
      setDone(
        outcome === 'new-workbook'
          ? 'Export ouvert dans un nouveau classeur Excel : enregistrez-le, puis envoyez-le au rectorat.'
          : `Export téléchargé : « ${file.fileName} ».`,
      );
    } catch (error) {
      pilote.report(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className={styles.box}>
      <form
        className={styles.form}
        onSubmit={(event) => {
          event.preventDefault();
          void run();
        }}
      >
        <Field
          label="UAI de l’établissement"
          validationState={touched && !check.ok ? 'error' : 'none'}
          validationMessage={touched && !check.ok ? check.message : undefined}
        >
          <Input className={styles.uai} value={uai} onChange={(_, data) => setUai(data.value)} onBlur={() => setTouched(true)} placeholder="0750655E" />
        </Field>
        <Button type="submit" appearance="primary" icon={busy ? <Spinner size="tiny" /> : <ArrowExportLtr20Regular />} disabled={busy}>
          Exporter pour le rectorat
        </Button>
      </form>
      <Caption1 className={styles.muted}>
        Chiffres agrégés seulement : aucun nom, INE ni date de naissance ; les effectifs inférieurs à {generation.analysis.settings.general.maskThreshold} sont masqués.
      </Caption1>
      <div aria-live="polite">{done && <Caption1>{done}</Caption1>}</div>
    </div>
  );
}
