/** A titled block of a step, with optional actions beside the title. */
import type { ReactNode } from 'react';
import { makeStyles, tokens } from '@fluentui/react-components';

const useStyles = makeStyles({
  section: {
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusMedium,
    boxShadow: tokens.shadow2,
    padding: tokens.spacingHorizontalM,
    marginBottom: tokens.spacingVerticalM,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    minWidth: 0,
    '& p': { margin: 0 },
  },
  head: { display: 'flex', alignItems: 'center', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  title: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, margin: 0, marginRight: 'auto' },
});

export function Section(props: { title: string; actions?: ReactNode; children: ReactNode; headingLevel?: 2 | 3; id?: string }) {
  const styles = useStyles();
  const Heading = props.headingLevel === 3 ? 'h3' : 'h2';
  return (
    <section className={styles.section} aria-label={props.title} id={props.id} tabIndex={props.id ? -1 : undefined}>
      <div className={styles.head}>
        <Heading className={styles.title}>{props.title}</Heading>
        {props.actions}
      </div>
      {props.children}
    </section>
  );
}
