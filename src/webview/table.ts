/**
 * The FTP tests as an accessible table (the kit's data grid): the same rows the chart draws, newest
 * first, with every figure written out, so the history can be read without the chart.
 */
import * as l10n from '@vscode/l10n';
import type { ChartRow } from '../shared/pageProtocol';
import { WORKOUT_ID, tableRows } from './tableText';
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

/** The FTP tests' data grid and the function that redraws it. */
export interface HistoryTable {
  element: HTMLElement;
  /** Shows `rows` (any order: drawn newest first), reusing the rows already drawn. */
  update(rows: readonly ChartRow[]): void;
}

/**
 * The data grid of the FTP tests, newest first. Each ride name is a link calling `onOpenWorkout` with the
 * workout id, when the id is one the host accepts.
 */
export function createHistoryTable(onOpenWorkout: (workoutId: string) => void): HistoryTable {
  const grid = createDataGrid({ label: l10n.t('FTP tests, newest first'), columns: tableColumns() });
  return {
    element: grid.element,
    update(rows) {
      const newestFirst = [...rows].sort((a, b) => b.takenAt - a.takenAt);
      const cells = tableRows(rows).map((texts, i): GridCellContent[] => {
        const row = newestFirst[i];
        const ride = texts[texts.length - 1];
        if (!WORKOUT_ID.test(row.workoutId)) return texts;
        const link = document.createElement('a');
        link.href = '#';
        link.className = 'ride-link';
        link.textContent = ride;
        link.title = l10n.t('Open this workout ({0})', texts[0]);
        link.addEventListener('click', (event) => {
          event.preventDefault();
          onOpenWorkout(row.workoutId);
        });
        return [...texts.slice(0, -1), link];
      });
      grid.setRows(cells);
    },
  };
}
