/**
 * The text of the FTP tests table, as plain functions of the chart rows (no DOM), so the wording is tested
 * in plain Node beside the tree's.
 */
import * as l10n from '@vscode/l10n';
import { NONE, notAppliedText, baselineOriginText, formatChange, formatPacing, formatWattsBare, type BaselineOrigin } from './format';
import { localDate } from '../shared/dates';
import type { ChartRow } from '../shared/pageProtocol';

/** Text shown in place of watts for a test whose ride recorded no output. */
export function noOutputText(): string {
  return l10n.t('no output data');
}
/** Text of the "Applied" column: `applied`, `not applied` (declined), or the em dash (no mark). */
export function appliedText(applied: ChartRow['applied']): string {
  return applied === 'applied' ? l10n.t('applied') : applied === 'not-applied' ? notAppliedText() : NONE;
}

/**
 * Why a test's "Applied" cell shows the em dash (no mark), as a whole sentence; null when it has a mark. Peloton
 * says which test set an FTP only for an FTP that came from a test: the next test's `ftp_info`, or GET /api/me for
 * the newest (markApplied in src/peloton/ftp/merge.ts). So a test followed by an FTP entered by hand, Peloton's
 * estimate or no FTP at all cannot be told applied or declined.
 * @param newer the next newer test's row; null for the newest test, which is followed by the current FTP.
 * @param currentFtpOrigin where the current FTP came from (the history message's `currentFtpOrigin`).
 */
export function appliedUnknownReason(row: ChartRow, newer: ChartRow | null, currentFtpOrigin: BaselineOrigin | null): string | null {
  if (row.applied !== null) return null;
  const after = newer ? newer.baselineOrigin : currentFtpOrigin;
  if (newer) {
    switch (after) {
      case 'manual':
        return l10n.t('Not known: the next test started from an FTP entered by hand, not from this result.');
      case 'estimated':
        return l10n.t("Not known: the next test started from Peloton's estimate, not from this result.");
      case 'none':
        return l10n.t('Not known: the next test started with no FTP.');
      default:
        return l10n.t('Not known: Peloton does not say whether this result became your FTP.');
    }
  }
  switch (after) {
    case 'manual':
      return l10n.t('Not known: this is your newest test, and your FTP now was entered by hand.');
    case 'estimated':
      return l10n.t("Not known: this is your newest test, and your FTP now is Peloton's estimate.");
    default:
      return l10n.t('Not known: this is your newest test, and Peloton names no test behind your FTP now.');
  }
}

/**
 * {@link appliedUnknownReason} for each row, newest first (in the order of {@link tableRows}): the reason when the
 * "Applied" cell shows the em dash, else null.
 */
export function appliedUnknownReasons(rows: readonly ChartRow[], currentFtpOrigin: BaselineOrigin | null): (string | null)[] {
  const newestFirst = [...rows].sort((a, b) => b.takenAt - a.takenAt);
  return newestFirst.map((row, i) => appliedUnknownReason(row, i > 0 ? newestFirst[i - 1]! : null, currentFtpOrigin));
}

/** The note under the table when some "Applied" cell shows the em dash. */
export function appliedFootnote(): string {
  return l10n.t(
    "A dash (—) under Applied: not known whether that result became your FTP, because the FTP after it did not come from an FTP test (it was entered by hand, or it is Peloton's estimate). Point at a dash for the reason.",
  );
}

/** Text of the "Baseline from" column: where the baseline came from (a hand-entered one with the value entered). */
export function baselineFromText(row: ChartRow): string {
  const text = baselineOriginText(row.baselineOrigin, row.baselineSetAt);
  return row.baselineOrigin === 'manual' && row.enteredBaseline != null ? l10n.t('{0} ({1} W × 0.95)', text, Math.round(row.enteredBaseline)) : text;
}

/** Workout ids the host accepts in `openWorkout` (the protocol's pattern). */
export const WORKOUT_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The table's cells as text, newest first: date, result, applied, baseline, baseline from, change, average
 * output, pacing (`−5 % · 193 · 187 · 182 · 178 W`, the em dash without a power series), ride. A test without a
 * baseline reads "first test" (in "Baseline from"); a test without output "no output data".
 */
export function tableRows(rows: readonly ChartRow[]): string[][] {
  const newestFirst = [...rows].sort((a, b) => b.takenAt - a.takenAt);
  return newestFirst.map((row) => {
    const noOutput = row.avgOutput == null;
    return [
      localDate(row.takenAt),
      formatWattsBare(row.calculatedFtp),
      appliedText(row.applied),
      formatWattsBare(row.baselineFtp),
      baselineFromText(row),
      formatChange(row.calculatedFtp, row.baselineFtp),
      noOutput ? noOutputText() : formatWattsBare(row.avgOutput),
      formatPacing(row.pacing),
      rideLabel(row),
    ];
  });
}

/** "20 min FTP Test Ride · Denis Morton", or a stand-in when the ride is unknown. */
function rideLabel(row: ChartRow): string {
  const title = row.rideTitle ?? l10n.t('Unknown ride');
  return row.instructor ? l10n.t('{0} · {1}', title, row.instructor) : title;
}

