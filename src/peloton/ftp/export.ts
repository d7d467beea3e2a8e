/**
 * The FTP history as files a rider can keep or take into a spreadsheet, as pure functions (plain Node,
 * no `vscode`): CSV (RFC 4180, UTF-8, CRLF line ends) and JSON (schemaVersion 1, documented by
 * `schemas/ftp-history-export.schema.json`). Both carry one entry per FTP test, newest first, with the
 * same column names. Only FTP figures, dates, ids and ride titles: never a token (the input holds none).
 */
import { currentFtp, ftpChange, testBaselineKind, type BaselineKind } from './rules';
import type { AppliedMark, FtpTest, RiderFtp } from './model';
import { localDate } from '../../shared/dates';

/** The CSV header, which is also the key order of each JSON test object. */
export const EXPORT_COLUMNS = [
  'date',
  'result_w',
  'baseline_w',
  'baseline_source',
  'change_w',
  'applied',
  'avg_output_w',
  'workout_id',
  'title',
] as const;

/** The JSON export's `schemaVersion`. */
export const EXPORT_SCHEMA_VERSION = 1;

/**
 * One FTP test as exported. Watts are whole watts; null where the value is unknown (an empty CSV cell).
 * - `date`: the day the ride started (`start_time`), `YYYY-MM-DD` in the local time zone (as the tree shows it).
 * - `result_w`: average output × 0.95; `baseline_w`: the FTP going into the test, read by its source.
 * - `baseline_source`: where the baseline came from (`test`, `manual`, `estimated`, `none`), from `ftp_info.ftp_source`.
 * - `change_w`: result − baseline; `applied`: `applied` / `not-applied` (declined), null when unmarked.
 * - `avg_output_w`: the performance graph's `avg_output`; `workout_id`: Peloton's workout id; `title`: the ride's title.
 */
export interface ExportedTest {
  date: string;
  result_w: number | null;
  baseline_w: number | null;
  baseline_source: BaselineKind;
  change_w: number | null;
  applied: Exclude<AppliedMark, null> | null;
  avg_output_w: number | null;
  workout_id: string;
  title: string | null;
}

/** The JSON export (schemaVersion 1). */
export interface FtpHistoryExport {
  schemaVersion: 1;
  /** When the file was written: ISO 8601 in UTC, e.g. `2026-04-08T09:30:00.000Z`. */
  exportedAt: string;
  rider: { username: string };
  /** The current FTP by its source rule (GET /api/me `cycling_ftp`, `cycling_ftp_source`, `cycling_ftp_workout_id`). */
  currentFtp: {
    /** Watts (a hand-entered value already × 0.95), null when Peloton has none. */
    ftp_w: number | null;
    source: BaselineKind;
    /** For `manual`: the 20-minute average entered (watts), else null. */
    entered_w: number | null;
    /** For `test`: the FTP test's workout id, else null. */
    workout_id: string | null;
  };
  tests: ExportedTest[];
}

/** What an export is made from: the history on screen (its rider and its tests, any order). */
export interface ExportSource {
  rider: RiderFtp;
  tests: readonly FtpTest[];
}

/** The tests as exported, newest first. */
export function exportedTests(tests: readonly FtpTest[]): ExportedTest[] {
  return [...tests]
    .sort((a, b) => b.takenAt - a.takenAt)
    .map((t) => ({
      date: localDate(t.takenAt),
      result_w: t.calculatedFtp,
      baseline_w: t.baselineFtp,
      baseline_source: testBaselineKind(t),
      change_w: ftpChange(t),
      applied: t.applied ?? null,
      avg_output_w: t.avgOutput,
      workout_id: t.workoutId,
      title: t.rideTitle,
    }));
}

/**
 * One CSV field by RFC 4180: quoted (with `"` doubled) when it holds a comma, a quote, CR or LF, or
 * starts or ends with a space; empty for null.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The history as CSV: the header {@link EXPORT_COLUMNS}, then one row per test, newest first; CRLF after
 * every record (RFC 4180); empty cells for unknown values. Encode it as UTF-8.
 */
export function historyToCsv(source: ExportSource): string {
  const lines = [EXPORT_COLUMNS.join(',')];
  for (const test of exportedTests(source.tests)) lines.push(EXPORT_COLUMNS.map((column) => csvField(test[column])).join(','));
  return lines.map((line) => `${line}\r\n`).join('');
}

/** The JSON export object. @param exportedAt when it is written (default now). */
export function historyToExport(source: ExportSource, exportedAt: Date = new Date()): FtpHistoryExport {
  const ftp = currentFtp(source.rider);
  return {
    schemaVersion: EXPORT_SCHEMA_VERSION,
    exportedAt: exportedAt.toISOString(),
    rider: { username: source.rider.username },
    currentFtp: { ftp_w: ftp.watts, source: ftp.kind, entered_w: ftp.enteredWatts, workout_id: ftp.testWorkoutId },
    tests: exportedTests(source.tests),
  };
}

/** The JSON export as text (two-space indent, newline at the end). */
export function historyToJson(source: ExportSource, exportedAt: Date = new Date()): string {
  return `${JSON.stringify(historyToExport(source, exportedAt), null, 2)}\n`;
}

/** The export formats. */
export type ExportFormat = 'csv' | 'json';

/** The format a file name asks for: `json` for a `.json` name, else `csv`. */
export function exportFormatOf(fileName: string): ExportFormat {
  return /\.json$/i.test(fileName) ? 'json' : 'csv';
}
