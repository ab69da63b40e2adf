/**
 * Reads of cell blocks (values or fill colours) packed into as few syncs as the answer budget allows.
 * Each block is cut by rows so that no single answer can pass the budget; should Excel still refuse
 * an answer as too large, the blocks of that sync are halved and read again.
 */
import type { CellRange } from '../../core/grid';
import { isPayloadTooLarge } from './errors';

/**
 * Rough JSON weight of one cell in Excel's answer (a value, or a fill colour object). An answer Excel
 * still finds too large is read again in halves; the 4 MB budget leaves 1 MB under the real cap.
 */
export const VALUE_BYTES = 16;
export const FILL_BYTES = 48;

export interface BlockRequest {
  sheet: string;
  /** Absolute rectangle. */
  range: CellRange;
  kind: 'values' | 'fills';
}

export interface BlockResult extends BlockRequest {
  /** Values, or fill colours as Excel returns them, row by row. */
  cells: unknown[][];
}

const weight = (block: BlockRequest) => block.range.rowCount * block.range.colCount * (block.kind === 'values' ? VALUE_BYTES : FILL_BYTES);

/**
 * Blocks grouped into syncs of at most `budget` estimated bytes each, filled in turn: a block that
 * does not fit in what is left of a sync is cut by rows, its first rows completing that sync, so that
 * N bytes take about N / budget syncs whatever the sizes of the sheets.
 */
export function packBlocks(blocks: BlockRequest[], budget: number, firstSyncBytes = 0): BlockRequest[][] {
  const syncs: BlockRequest[][] = [];
  let current: BlockRequest[] = [];
  let bytes = firstSyncBytes;
  for (const block of blocks) {
    const perRow = Math.max(1, weight({ ...block, range: { ...block.range, rowCount: 1 } }));
    let row = 0;
    while (row < block.range.rowCount) {
      const fitting = Math.min(block.range.rowCount - row, Math.floor((budget - bytes) / perRow));
      // Not one row left in this sync: start the next one (a single row heavier than the budget goes alone).
      if (fitting < 1 && (current.length || bytes > 0)) {
        syncs.push(current);
        current = [];
        bytes = 0;
        continue;
      }
      const rowCount = Math.max(1, fitting);
      current.push({ ...block, range: { ...block.range, row: block.range.row + row, rowCount } });
      bytes += rowCount * perRow;
      row += rowCount;
    }
  }
  if (current.length) syncs.push(current);
  return syncs;
}

function queueBlock(context: Excel.RequestContext, block: BlockRequest): () => unknown[][] {
  const { row, col, rowCount, colCount } = block.range;
  const range = context.workbook.worksheets.getItem(block.sheet).getRangeByIndexes(row, col, rowCount, colCount);
  if (block.kind === 'values') {
    range.load('values');
    // The thunk is called once the batch holding this load has been synced (see the caller).
    // eslint-disable-next-line office-addins/call-sync-before-read, office-addins/call-sync-after-load
    return () => range.values as unknown[][];
  }
  const fills = range.getCellProperties({ format: { fill: { color: true } } });
  return () => fills.value.map((line) => line.map((cell) => cell.format?.fill?.color));
}

/** Two smaller syncs for one whose answer was too large: each block cut in two by rows, then the list in two. */
function halve(group: BlockRequest[]): BlockRequest[][] {
  const blocks = group.flatMap((block) => {
    const { row, rowCount } = block.range;
    if (rowCount < 2) return [block];
    const top = Math.ceil(rowCount / 2);
    return [
      { ...block, range: { ...block.range, rowCount: top } },
      { ...block, range: { ...block.range, row: row + top, rowCount: rowCount - top } },
    ];
  });
  const middle = Math.ceil(blocks.length / 2);
  return [blocks.slice(0, middle), blocks.slice(middle)].filter((part) => part.length);
}

/**
 * Read every block; `first` queues extra loads (of about `first.bytes`) on the first sync, so that
 * they cost no round trip of their own. Row halving on a too-large answer goes down to single rows before giving up.
 */
export async function readBlocks(
  context: Excel.RequestContext,
  blocks: BlockRequest[],
  budget: number,
  sync: (context: Excel.RequestContext) => Promise<void>,
  first?: { queue: () => void; bytes: number },
): Promise<BlockResult[]> {
  return readPacked(context, packBlocks(blocks, budget, first?.bytes ?? 0), sync, first);
}

/** Read blocks already grouped into syncs (see packBlocks); `first` as for readBlocks. */
export async function readPacked(
  context: Excel.RequestContext,
  syncs: BlockRequest[][],
  sync: (context: Excel.RequestContext) => Promise<void>,
  first?: { queue: () => void; bytes: number },
): Promise<BlockResult[]> {
  const results: BlockResult[] = [];
  let pendingFirst = first?.queue;
  const runSync = async (group: BlockRequest[]): Promise<void> => {
    pendingFirst?.();
    const readers = group.map((block) => queueBlock(context, block));
    try {
      await sync(context);
      pendingFirst = undefined;
    } catch (error) {
      const canHalve = group.some((b) => b.range.rowCount > 1) || group.length > 1;
      if (!isPayloadTooLarge(error) || !canHalve) throw error;
      for (const smaller of halve(group)) await runSync(smaller);
      return;
    }
    group.forEach((block, i) => results.push({ ...block, cells: readers[i]() }));
  };
  if (!syncs.length && first) {
    first.queue();
    await sync(context);
  }
  for (const group of syncs) await runSync(group);
  return results;
}
