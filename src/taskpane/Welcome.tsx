/**
 * Shown in a plain browser: what Pilote AP does, « Ouvrir un classeur » (file picker, or a file dropped
 * anywhere on the page: see Root) and the example workbook. The file is read here and sent nowhere.
 */
import { useRef, useState } from 'react';
import {
  Body1,
  Button,
  Caption1,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Title2,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { FolderOpen24Regular, LockClosed20Regular, PlayCircle24Regular } from '@fluentui/react-icons';
import { ACCEPTED_EXTENSIONS } from '../host/fileFormats';
import type { ProblemText } from './errors';

const useStyles = makeStyles({
  main: {
    maxWidth: '640px',
    margin: '0 auto',
    padding: `${tokens.spacingVerticalXXL} ${tokens.spacingHorizontalL}`,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
  },
  steps: { margin: 0, paddingLeft: tokens.spacingHorizontalXL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  drop: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalL,
    border: `2px dashed ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusLarge,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  dropActive: { border: `2px dashed ${tokens.colorBrandStroke1}`, backgroundColor: tokens.colorBrandBackground2 },
  buttons: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM },
  privacy: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'flex-start' },
  note: { color: tokens.colorNeutralForeground2 },
  hidden: { display: 'none' },
});

export interface WelcomeProps {
  problem?: ProblemText;
  /** A file is being read (picked or dropped). */
  opening?: string;
  /** A file is being dragged over the page. */
  dragging?: boolean;
  onStart(): Promise<void>;
  onOpenFile(file: File): Promise<void>;
}

export function Welcome(props: WelcomeProps) {
  const styles = useStyles();
  const [starting, setStarting] = useState(false);
  const picker = useRef<HTMLInputElement>(null);
  const busy = starting || Boolean(props.opening);
  return (
    <main className={styles.main}>
      <Title2 as="h1">Pilote AP</Title2>
      <Body1>
        Pilote AP forme les groupes de besoin de l’accompagnement personnalisé à partir du positionnement des élèves, en tenant compte des
        intervenants, des barrettes et des effectifs, et explique chaque placement.
      </Body1>
      <ol className={styles.steps}>
        <li>Sources : les feuilles de positionnement lues et ce qui n’a pas pu l’être.</li>
        <li>Paramètres : barrettes, intervenants, effectifs.</li>
        <li>Générer : les groupes sont écrits dans de nouvelles feuilles « AP … ».</li>
        <li>Résultats : groupes, élèves non placés, pourquoi chacun est là, indicateurs.</li>
      </ol>
      {props.problem && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{props.problem.title}</MessageBarTitle>
            {props.problem.detail} {props.problem.action}
          </MessageBarBody>
        </MessageBar>
      )}
      <section className={`${styles.drop} ${props.dragging ? styles.dropActive : ''}`} aria-labelledby="open-title">
        <Body1 as="h2" id="open-title" block>
          <strong>Votre classeur de positionnement</strong> (.xlsx, .xlsm, .ods ou .csv) : ouvrez-le, ou déposez-le sur cette page.
        </Body1>
        <div className={styles.buttons}>
          <input
            ref={picker}
            className={styles.hidden}
            type="file"
            accept={ACCEPTED_EXTENSIONS.join(',')}
            aria-label="Choisir le classeur"
            tabIndex={-1}
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = ''; // the same file may be chosen again after a correction
              if (file) void props.onOpenFile(file);
            }}
          />
          <Button
            appearance="primary"
            size="large"
            icon={props.opening ? <Spinner size="tiny" /> : <FolderOpen24Regular />}
            disabled={busy}
            onClick={() => picker.current?.click()}
          >
            Ouvrir un classeur
          </Button>
          <Button
            size="large"
            icon={starting ? <Spinner size="tiny" /> : <PlayCircle24Regular />}
            disabled={busy}
            onClick={() => {
              setStarting(true);
              void props.onStart().finally(() => setStarting(false));
            }}
          >
            Essayer avec le classeur d’exemple
          </Button>
        </div>
        <div aria-live="polite">{props.opening && <Caption1>Lecture de « {props.opening} »…</Caption1>}</div>
      </section>
      <div className={styles.privacy}>
        <LockClosed20Regular aria-hidden />
        <Caption1 className={styles.note}>
          Le classeur est lu dans ce navigateur, sur cet ordinateur : rien n’est envoyé sur Internet. Les feuilles « AP … » produites
          reviennent dans le classeur complété que vous téléchargez. Le classeur d’exemple est fictif.
        </Caption1>
      </div>
    </main>
  );
}
