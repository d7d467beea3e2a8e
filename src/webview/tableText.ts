/**
 * The text of the FTP tests table, as plain functions of the chart rows (no DOM), so the wording is tested
 * in plain Node beside the tree's.
 */
import * as l10n from '@vscode/l10n';
import { NONE, notAppliedText, baselineOriginText, formatChange, formatPacing, formatWattsBare } from './format';
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

