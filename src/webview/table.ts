/**
 * The FTP tests as an accessible table (the kit's data grid): the same rows the chart draws, newest
 * first, with every figure written out, so the history can be read without the chart.
 */
import { formatChange, formatDate, formatWattsBare } from './format';
import type { ChartRow } from './protocol';
import { createDataGrid, type GridCellContent, type GridColumn } from './toolkit';

/** The table's columns, in order. */
export const TABLE_COLUMNS: readonly GridColumn[] = [
  { title: 'Date', width: 'minmax(8.5em, 1fr)' },
  { title: 'Result (W)', width: 'minmax(7.5em, 1fr)', align: 'end' },
  { title: 'Baseline (W)', width: 'minmax(9em, 1fr)', align: 'end' },
  { title: 'Change (W)', width: 'minmax(8em, 1fr)', align: 'end' },
  { title: 'Avg output (W)', width: 'minmax(10.5em, 1.2fr)', align: 'end' },
  { title: 'Ride', width: 'minmax(12em, 3fr)' },
];

/** Text shown in place of watts for a test whose ride recorded no output. */
export const NO_OUTPUT = 'no output data';
/** Text shown as the baseline of the oldest test when it had none. */
export const FIRST_TEST = 'first test';

/** Workout ids the host accepts in `openWorkout` (the protocol's pattern). */
const WORKOUT_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The table's cells as text, newest first: date, result, baseline, change, average output, ride.
 * The oldest test without a baseline reads "first test"; a test without output "no output data".
 */
export function tableRows(rows: readonly ChartRow[]): string[][] {
  const newestFirst = [...rows].sort((a, b) => b.takenAt - a.takenAt);
  return newestFirst.map((row, i) => {
    const oldest = i === newestFirst.length - 1;
    const noOutput = row.avgOutput == null;
    return [
      formatDate(row.takenAt * 1000),
      formatWattsBare(row.calculatedFtp),
      row.baselineFtp == null && oldest ? FIRST_TEST : formatWattsBare(row.baselineFtp),
      formatChange(row.calculatedFtp, row.baselineFtp),
      noOutput ? NO_OUTPUT : formatWattsBare(row.avgOutput),
      rideLabel(row),
    ];
  });
}

/** "20 min FTP Test Ride · Denis Morton", or a stand-in when the ride is unknown. */
function rideLabel(row: ChartRow): string {
  const title = row.rideTitle ?? 'Unknown ride';
  return row.instructor ? `${title} · ${row.instructor}` : title;
}

/**
 * The data grid of `rows` (newest first). Each ride name is a link calling `onOpenWorkout` with the
 * workout id, when the id is one the host accepts.
 */
export function createHistoryTable(rows: readonly ChartRow[], onOpenWorkout: (workoutId: string) => void): HTMLElement {
  const newestFirst = [...rows].sort((a, b) => b.takenAt - a.takenAt);
  const cells = tableRows(rows).map((texts, i): GridCellContent[] => {
    const row = newestFirst[i];
    const ride = texts[5];
    if (!WORKOUT_ID.test(row.workoutId)) return texts;
    const link = document.createElement('a');
    link.href = '#';
    link.className = 'ride-link';
    link.textContent = ride;
    link.title = `Open this workout (${texts[0]})`;
    link.addEventListener('click', (event) => {
      event.preventDefault();
      onOpenWorkout(row.workoutId);
    });
    return [...texts.slice(0, 5), link];
  });
  return createDataGrid({ label: 'FTP tests, newest first', columns: TABLE_COLUMNS, rows: cells });
}
