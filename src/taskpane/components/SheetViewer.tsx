/**
 * Outside Excel the viewer stands in for Excel's grid: it shows the workbook held in the browser, opens
 * on the sheet (and cell) the pane asked to show, and edits the AP sheets in place (choose a cell with a
 * click or the arrow keys, type its value, Entrée). The coordinator's own sheets are read-only.
 */
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  Select,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { Dismiss24Regular } from '@fluentui/react-icons';
import { a1, columnLetters, parseA1, type CellValue, type Grid, type WorkbookSnapshot } from '../../core/grid';
import type { ViewerFocus } from '../../host/fileHost';
import { parseTypedValue } from '../typedValue';

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
  editableCell: { cursor: 'cell' },
  editor: { display: 'flex', flexWrap: 'wrap', alignItems: 'end', gap: tokens.spacingHorizontalS, marginBottom: tokens.spacingVerticalS },
  value: { minWidth: '160px', flexGrow: 1, maxWidth: '360px' },
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

type Cell = { row: number; col: number };

function SheetTable({ grid, focus, onPick }: { grid: Grid; focus?: Cell; onPick?: (cell: Cell) => void }) {
  const styles = useStyles();
  const focusedRef = useRef<HTMLTableCellElement>(null);
  const width = Math.min(MAX_COLS, Math.max(grid.origin.col + Math.max(0, ...grid.values.map((r) => r.length)), (focus?.col ?? 0) + 1));
  const height = Math.min(MAX_ROWS, Math.max(grid.origin.row + grid.values.length, (focus?.row ?? 0) + 1));

  // Braces: recent browsers make scrollIntoView return a promise, which React would take for a cleanup.
  useEffect(() => {
    focusedRef.current?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [grid, focus]);

  const rows = [];
  for (let r = 0; r < height; r++) {
    const cells = [];
    for (let c = 0; c < width; c++) {
      const value = grid.values[r - grid.origin.row]?.[c - grid.origin.col] ?? null;
      const fill = grid.fills?.[r - grid.origin.row]?.[c - grid.origin.col] ?? null;
      const isFocus = focus?.row === r && focus.col === c;
      const classes = [styles.cell, typeof value === 'number' ? styles.number : '', isFocus ? styles.focused : '', onPick ? styles.editableCell : ''].join(' ');
      cells.push(
        <td
          key={c}
          ref={isFocus ? focusedRef : undefined}
          className={classes}
          onClick={onPick && (() => onPick({ row: r, col: c }))}
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
  /** The workbook's name, as the dialog's title. */
  title: string;
  /** The workbook as it is now; read each time the viewer opens, moves or writes. */
  load(): WorkbookSnapshot;
  /** Sheets whose cells may be typed into here. */
  editable(sheet: string): boolean;
  /** Write a typed value; resolves to true once written. */
  onEdit(sheet: string, cell: string, value: string | number): Promise<boolean>;
  onClose(): void;
  onSheetChange(sheet: string): void;
}

const MOVES: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };

function valueAt(grid: Grid, cell: Cell): { value: CellValue; formula: boolean } {
  const r = cell.row - grid.origin.row;
  const c = cell.col - grid.origin.col;
  return { value: grid.values[r]?.[c] ?? null, formula: Boolean(grid.formulas?.[r]?.[c]) };
}

/** The simple grid editor above an editable sheet: the chosen cell, its value, « Enregistrer ». */
function CellEditor(props: { grid: Grid; cell?: Cell; onSave(value: string | number): Promise<boolean>; inputRef: React.Ref<HTMLInputElement> }) {
  const styles = useStyles();
  const current = props.cell ? valueAt(props.grid, props.cell) : undefined;
  const [text, setText] = useState('');
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    setText(current ? String(current.value ?? '') : '');
    // Reset the text only when another cell (or sheet) is chosen, not at every render of the same one.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.grid, props.cell?.row, props.cell?.col]);
  if (!props.cell || !current) {
    return <p className={styles.note}>Feuille modifiable : choisissez une cellule d’un clic, ou avec les flèches après avoir placé le focus sur la feuille.</p>;
  }
  const address = a1(props.cell.row, props.cell.col);
  if (current.formula) return <p className={styles.note}>{address} contient une formule : elle se modifie dans un tableur.</p>;
  return (
    <form
      className={styles.editor}
      onSubmit={(event) => {
        event.preventDefault();
        setSaving(true);
        void props.onSave(parseTypedValue(text)).finally(() => setSaving(false));
      }}
    >
      <Field label={`Valeur de ${address}`} className={styles.value}>
        <Input input={{ ref: props.inputRef }} value={text} onChange={(_, data) => setText(data.value)} />
      </Field>
      <Button type="submit" appearance="primary" disabled={saving}>
        Enregistrer
      </Button>
    </form>
  );
}

export function SheetViewer(props: SheetViewerProps) {
  const styles = useStyles();
  const { open, focus, load } = props;
  const [version, setVersion] = useState(0);
  // Re-load when the focus moves too: the coordinator may have written to the workbook meanwhile.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const snapshot = useMemo<WorkbookSnapshot>(() => (open ? load() : { grids: [] }), [open, focus, load, version]);
  const grid = snapshot.grids.find((g) => g.sheet === focus?.sheet) ?? snapshot.grids[0];
  const editable = grid ? props.editable(grid.sheet) : false;
  const [selected, setSelected] = useState<Cell>();
  const valueInput = useRef<HTMLInputElement>(null);
  useEffect(() => {
    setSelected(focus?.cell ? parseA1(focus.cell.split(':')[0]) ?? undefined : undefined);
  }, [focus]);

  function onGridKey(event: KeyboardEvent<HTMLDivElement>): void {
    if (!editable) return;
    const move = MOVES[event.key];
    if (move) {
      event.preventDefault();
      setSelected((cell) => (cell ? { row: Math.max(0, cell.row + move[0]), col: Math.max(0, cell.col + move[1]) } : { ...grid!.origin }));
    } else if ((event.key === 'Enter' || event.key === 'F2') && selected) {
      event.preventDefault();
      valueInput.current?.focus();
    }
  }

  async function save(value: string | number): Promise<boolean> {
    if (!grid || !selected) return false;
    const ok = await props.onEdit(grid.sheet, a1(selected.row, selected.col), value);
    if (ok) setVersion((v) => v + 1);
    return ok;
  }

  return (
    <Dialog open={props.open} onOpenChange={(_, data) => !data.open && props.onClose()}>
      <DialogSurface className={styles.surface} aria-label={`Classeur « ${props.title} »`}>
        <DialogBody>
          <DialogTitle
            action={<Button appearance="subtle" aria-label="Fermer le classeur" icon={<Dismiss24Regular />} onClick={props.onClose} />}
          >
            {props.title}
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
              {editable ? 'Feuille de Pilote AP, modifiable ici' : 'Votre feuille, en lecture seule'}
              {props.focus?.cell ? ` — cellule ${props.focus.cell} encadrée` : ''}.
            </p>
            {grid && editable && <CellEditor grid={grid} cell={selected} onSave={save} inputRef={valueInput} />}
            {grid && (
              <div className={styles.scroller} tabIndex={0} role="region" aria-label={`Feuille « ${grid.sheet} »`} onKeyDown={onGridKey}>
                <SheetTable grid={grid} focus={selected} onPick={editable ? setSelected : undefined} />
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
