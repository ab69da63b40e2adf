/**
 * Preview only: a read-only view of the in-memory workbook, so that someone without Excel sees the
 * sheets the add-in reads and writes. Opens on the sheet (and cell) the pane asked to show.
 */
import { useEffect, useMemo, useRef } from 'react';
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Select,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { Dismiss24Regular } from '@fluentui/react-icons';
import { columnLetters, parseA1, type CellValue, type Grid, type WorkbookSnapshot } from '../../core/grid';
import type { ViewerFocus } from '../../host/previewHost';

const MAX_ROWS = 400;
const MAX_COLS = 40;

const useStyles = makeStyles({
  surface: { width: 'min(96vw, 1100px)', maxWidth: '96vw', padding: tokens.spacingHorizontalM },
  scroller: {
    overflow: 'auto',
    maxHeight: '62vh',
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
  table: { borderCollapse: 'collapse', fontSize: tokens.fontSizeBase200, fontFamily: tokens.fontFamilyBase },
  head: {
    position: 'sticky',
    top: 0,
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground1,
    fontWeight: tokens.fontWeightRegular,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    padding: '2px 6px',
    minWidth: '32px',
  },
  rowHead: {
    position: 'sticky',
    left: 0,
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground1,
    fontWeight: tokens.fontWeightRegular,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    padding: '2px 6px',
    textAlign: 'right',
  },
  cell: {
    border: `1px solid ${tokens.colorNeutralStroke3}`,
    padding: '2px 6px',
    whiteSpace: 'nowrap',
    maxWidth: '220px',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
  },
  number: { textAlign: 'right' },
  focused: { outline: `2px solid ${tokens.colorPaletteGreenBorder2}`, outlineOffset: '-2px' },
  note: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
});

function displayValue(value: CellValue): string {
  if (value === null) return '';
  if (typeof value === 'number') return value.toLocaleString('fr-FR', { maximumFractionDigits: 2 });
  if (typeof value === 'boolean') return value ? 'VRAI' : 'FAUX';
  return value;
}

/** Black or white text, whichever reads best on a cell's fill. */
function textOn(fill: string): string {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(fill.slice(i, i + 2), 16) / 255);
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return luminance < 0.5 ? '#FFFFFF' : '#000000';
}

function SheetTable({ grid, focus }: { grid: Grid; focus?: { row: number; col: number } }) {
  const styles = useStyles();
  const focusedRef = useRef<HTMLTableCellElement>(null);
  const width = Math.min(MAX_COLS, Math.max(grid.origin.col + Math.max(0, ...grid.values.map((r) => r.length)), (focus?.col ?? 0) + 1));
  const height = Math.min(MAX_ROWS, Math.max(grid.origin.row + grid.values.length, (focus?.row ?? 0) + 1));

  useEffect(() => focusedRef.current?.scrollIntoView({ block: 'center', inline: 'center' }), [grid, focus]);

  const rows = [];
  for (let r = 0; r < height; r++) {
    const cells = [];
    for (let c = 0; c < width; c++) {
      const value = grid.values[r - grid.origin.row]?.[c - grid.origin.col] ?? null;
      const fill = grid.fills?.[r - grid.origin.row]?.[c - grid.origin.col] ?? null;
      const isFocus = focus?.row === r && focus.col === c;
      const classes = [styles.cell, typeof value === 'number' ? styles.number : '', isFocus ? styles.focused : ''].join(' ');
      cells.push(
        <td
          key={c}
          ref={isFocus ? focusedRef : undefined}
          className={classes}
          style={fill ? { backgroundColor: fill, color: textOn(fill) } : undefined}
          aria-current={isFocus ? 'location' : undefined}
        >
          {displayValue(value)}
        </td>,
      );
    }
    rows.push(
      <tr key={r}>
        <th scope="row" className={styles.rowHead}>
          {r + 1}
        </th>
        {cells}
      </tr>,
    );
  }
  return (
    <table className={styles.table}>
      <thead>
        <tr>
          <th className={styles.head} aria-label="Lignes" />
          {Array.from({ length: width }, (_, c) => (
            <th key={c} scope="col" className={styles.head}>
              {columnLetters(c)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{rows}</tbody>
    </table>
  );
}

export interface SheetViewerProps {
  open: boolean;
  focus?: ViewerFocus;
  /** The workbook as it is now; read each time the viewer opens or moves. */
  load(): WorkbookSnapshot;
  onClose(): void;
  onSheetChange(sheet: string): void;
}

export function SheetViewer(props: SheetViewerProps) {
  const styles = useStyles();
  const { open, focus, load } = props;
  // Re-load when the focus moves too: the coordinator may have written to the workbook meanwhile.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const snapshot = useMemo<WorkbookSnapshot>(() => (open ? load() : { grids: [] }), [open, focus, load]);
  const grid = snapshot.grids.find((g) => g.sheet === focus?.sheet) ?? snapshot.grids[0];
  const focusCell = props.focus?.cell ? parseA1(props.focus.cell.split(':')[0]) ?? undefined : undefined;

  return (
    <Dialog open={props.open} onOpenChange={(_, data) => !data.open && props.onClose()}>
      <DialogSurface className={styles.surface} aria-label="Classeur (aperçu en lecture seule)">
        <DialogBody>
          <DialogTitle
            action={<Button appearance="subtle" aria-label="Fermer le classeur" icon={<Dismiss24Regular />} onClick={props.onClose} />}
          >
            Classeur d’exemple
          </DialogTitle>
          <DialogContent>
            <Field label="Feuille">
              <Select
                value={grid?.sheet ?? ''}
                onChange={(_, data) => props.onSheetChange(data.value)}
              >
                {snapshot.grids.map((g) => (
                  <option key={g.sheet} value={g.sheet}>
                    {g.sheet}
                  </option>
                ))}
              </Select>
            </Field>
            <p className={styles.note}>
              Aperçu en lecture seule{props.focus?.cell ? ` — cellule ${props.focus.cell} encadrée` : ''}. Dans Excel, c’est la feuille elle-même qui s’affiche.
            </p>
            {grid && (
              <div className={styles.scroller} tabIndex={0} role="region" aria-label={`Feuille « ${grid.sheet} »`}>
                <SheetTable grid={grid} focus={props.focus?.sheet === grid.sheet ? focusCell : undefined} />
              </div>
            )}
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" onClick={props.onClose}>
              Fermer
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
