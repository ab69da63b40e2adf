/**
 * Shown in a plain browser: what Pilote AP does, and a way to try it on the example workbook.
 */
import { useState } from 'react';
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
import { PlayCircle24Regular } from '@fluentui/react-icons';
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
  start: { alignSelf: 'flex-start' },
  note: { color: tokens.colorNeutralForeground2 },
});

export function Welcome(props: { problem?: ProblemText; onStart(): Promise<void> }) {
  const styles = useStyles();
  const [starting, setStarting] = useState(false);
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
      <MessageBar intent="info" layout="multiline">
        <MessageBarBody>
          Vous êtes hors d’Excel. Pour travailler sur votre propre classeur, ouvrez Pilote AP depuis l’onglet Accueil d’Excel.
        </MessageBarBody>
      </MessageBar>
      <Button
        className={styles.start}
        appearance="primary"
        size="large"
        icon={starting ? <Spinner size="tiny" /> : <PlayCircle24Regular />}
        disabled={starting}
        onClick={() => {
          setStarting(true);
          void props.onStart().finally(() => setStarting(false));
        }}
      >
        Essayer avec le classeur d’exemple
      </Button>
      <Caption1 className={styles.note}>
        Le classeur d’exemple est fictif et reste dans ce navigateur : rien n’est envoyé sur Internet.
      </Caption1>
    </main>
  );
}
