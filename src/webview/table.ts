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
    { title: l10n.t('Pacing'), width: 'minmax(13em, 16fr)', tooltip: pacingColumnTooltip() },
    { title: l10n.t('Ride'), width: 'minmax(10em, 14fr)' },
  ];
}

/** The Pacing column's index among the cells of tableRows(). */
const PACING_COLUMN = 7;

/**
 * A pacing cell: `−5 % · 193 · 187 · 182 · 178 W` as the half split and the quarters, each kept on one line, so a
 * narrow column breaks only between the two.
 */
function pacingCell(text: string): GridCellContent {
  const at = text.indexOf(' · ');
  if (at < 0) return text;
  const part = (className: string, content: string): HTMLElement => {
    const span = document.createElement('span');
    span.className = className;
    span.textContent = content;
    return span;
  };
  const cell = document.createDocumentFragment();
  cell.append(part('pacing-part', text.slice(0, at)), ' · ', part('pacing-part', text.slice(at + 3)));
  return cell;
}

/** What the Pacing column's figures are, for its header's tooltip. */
function pacingColumnTooltip(): string {
  return l10n.t('The half split (second half against the first: negative is a fade), then the average output of each quarter');
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

/** The FTP tests table: its grid, the function that redraws it, and a way to mark the selected test. */
export interface HistoryTable {
  /** The grid and, when some result has no applied mark, a note under it saying why. */
  element: HTMLElement;
  /**
   * Shows `rows` (any order: drawn newest first), reusing the rows already drawn.
   * @param currentFtpOrigin where the current FTP came from: it tells why the newest test may have no mark.
   */
  update(rows: readonly ChartRow[], currentFtpOrigin: BaselineOrigin | null): void;
  /** Marks the row of this test as selected (null: none). */
  select(workoutId: string | null): void;
}

/**
 * The data grid of the FTP tests, newest first. Each ride name is a link calling `onOpenWorkout` with the
 * workout id, when the id is one the host accepts. Clicking a row, or Enter in it, calls `onSelect` with its test.
 */
export function createHistoryTable(onOpenWorkout: (workoutId: string) => void, onSelect: (workoutId: string) => void = () => undefined): HistoryTable {
  let newestFirst: ChartRow[] = [];
  const grid = createDataGrid({
    label: l10n.t('FTP tests, newest first; Enter shows how a test was ridden'),
    columns: tableColumns(),
    onActivateRow: (index) => {
      const row = newestFirst[index];
      if (row) onSelect(row.workoutId);
    },
  });
  const note = document.createElement('p');
  note.id = 'applied-note';
  note.className = 'table-note';
  const element = document.createElement('div');
  element.className = 'history-table';
  element.append(grid.element);
  return {
    element,
    update(rows, currentFtpOrigin) {
      newestFirst = [...rows].sort((a, b) => b.takenAt - a.takenAt);
      const reasons = appliedUnknownReasons(rows, currentFtpOrigin);
      const cells = tableRows(rows).map((texts, i): GridCellContent[] => {
        const row = newestFirst[i];
        const reason = reasons[i];
        const cellsOfRow: GridCellContent[] = [...texts];
        if (reason) cellsOfRow[APPLIED_COLUMN] = unknownAppliedCell(texts[APPLIED_COLUMN]!, reason);
        cellsOfRow[PACING_COLUMN] = pacingCell(texts[PACING_COLUMN]);
        if (WORKOUT_ID.test(row.workoutId)) {
          const link = document.createElement('a');
          link.href = '#';
          link.className = 'ride-link';
          link.textContent = texts[texts.length - 1];
          link.title = l10n.t('Open this workout ({0})', texts[0]);
          link.addEventListener('click', (event) => {
            event.preventDefault();
            onOpenWorkout(row.workoutId);
          });
          cellsOfRow[cellsOfRow.length - 1] = link;
        }
        return cellsOfRow;
      });
      grid.setRows(cells);
      if (reasons.some((reason) => reason !== null)) {
        note.textContent = appliedFootnote();
        grid.element.setAttribute('aria-describedby', note.id);
        if (note.parentElement !== element) element.append(note);
      } else {
        grid.element.removeAttribute('aria-describedby');
        note.remove();
      }
    },
    select: (workoutId) => grid.select(newestFirst.findIndex((r) => r.workoutId === workoutId)),
  };
}
