/**
 * The FTP tests as an accessible table (the kit's data grid): the same rows the chart draws, newest
 * first, with every figure written out, so the history can be read without the chart.
 */
import * as l10n from '@vscode/l10n';
import type { ChartRow } from '../shared/pageProtocol';
import type { BaselineOrigin } from './format';
import { WORKOUT_ID, appliedFootnote, appliedUnknownReasons, tableRows } from './tableText';
import { createDataGrid, type GridCellContent, type GridColumn } from './toolkit';

/**
 * The table's columns, in order. Each row of the kit's grid is a grid of its own, so widths are fixed tracks:
 * at least the longest word of the column (titles wrap between words on a narrow panel), and the rest of the
 * width shared in proportion to each column's natural width (in em), so a wide panel shows every title on one line.
 * "Applied" is wide enough for the German `nicht übernommen` / `übernommen` without breaking inside a word.
 */
export function tableColumns(): readonly GridColumn[] {
  return [
    { title: l10n.t('Date'), width: 'minmax(7.5em, 7.6fr)' },
    { title: l10n.t('Result (W)'), width: 'minmax(6em, 7.2fr)', align: 'end' },
    { title: l10n.t('Applied'), width: 'minmax(9.5em, 10fr)' },
    { title: l10n.t('Baseline (W)'), width: 'minmax(7.5em, 8.4fr)', align: 'end' },
    { title: l10n.t('Baseline from'), width: 'minmax(10em, 14fr)' },
    { title: l10n.t('Change (W)'), width: 'minmax(6.5em, 7.6fr)', align: 'end' },
    { title: l10n.t('Avg output (W)'), width: 'minmax(6.5em, 9.5fr)', align: 'end' },
    { title: l10n.t('Ride'), width: 'minmax(10em, 14fr)' },
  ];
}

/** Index of the "Applied" column in {@link tableColumns} and {@link tableRows}. */
const APPLIED_COLUMN = 2;

/**
 * An "Applied" cell without a mark: the em dash, with the reason as its tooltip (pointer) and as text for screen
 * readers (the dash itself is hidden from them).
 */
function unknownAppliedCell(dash: string, reason: string): HTMLElement {
  const cell = document.createElement('span');
  cell.className = 'applied-unknown';
  cell.title = reason;
  const mark = document.createElement('span');
  mark.setAttribute('aria-hidden', 'true');
  mark.textContent = dash;
  const spoken = document.createElement('span');
  spoken.className = 'visually-hidden';
  spoken.textContent = reason;
  cell.append(mark, spoken);
  return cell;
}

/**
 * The data grid of `rows` (newest first), and under it, when some result has no applied mark, a note saying why.
 * Each ride name is a link calling `onOpenWorkout` with the workout id, when the id is one the host accepts.
 * @param currentFtpOrigin where the current FTP came from: it tells why the newest test may have no mark.
 */
export function createHistoryTable(
  rows: readonly ChartRow[],
  currentFtpOrigin: BaselineOrigin | null,
  onOpenWorkout: (workoutId: string) => void,
): DocumentFragment {
  const newestFirst = [...rows].sort((a, b) => b.takenAt - a.takenAt);
  const reasons = appliedUnknownReasons(rows, currentFtpOrigin);
  const cells = tableRows(rows).map((rowTexts, i): GridCellContent[] => {
    const row = newestFirst[i];
    const reason = reasons[i];
    const texts: GridCellContent[] = [...rowTexts];
    if (reason) texts[APPLIED_COLUMN] = unknownAppliedCell(rowTexts[APPLIED_COLUMN]!, reason);
    const ride = rowTexts[rowTexts.length - 1];
    if (!WORKOUT_ID.test(row.workoutId)) return texts;
    const link = document.createElement('a');
    link.href = '#';
    link.className = 'ride-link';
    link.textContent = ride;
    link.title = l10n.t('Open this workout ({0})', rowTexts[0]);
    link.addEventListener('click', (event) => {
      event.preventDefault();
      onOpenWorkout(row.workoutId);
    });
    return [...texts.slice(0, -1), link];
  });
  const table = document.createDocumentFragment();
  const grid = createDataGrid({ label: l10n.t('FTP tests, newest first'), columns: tableColumns(), rows: cells });
  table.append(grid);
  if (reasons.some((reason) => reason !== null)) {
    const note = document.createElement('p');
    note.id = 'applied-note';
    note.className = 'table-note';
    note.textContent = appliedFootnote();
    grid.setAttribute('aria-describedby', note.id);
    table.append(note);
  }
  return table;
}
