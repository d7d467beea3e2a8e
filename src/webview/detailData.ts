/**
 * What the test detail draws and says, as plain functions of the test's figures and power series (no DOM), so they
 * are tested in plain Node: the output line lightly smoothed, the four quarters as a step, and the words.
 */
import * as l10n from '@vscode/l10n';
import { formatPacing, formatWatts } from './format';
import { localDate } from '../shared/dates';
import type { ChartRow, PowerSeriesData } from '../shared/pageProtocol';

/** A point of the detail chart: seconds since pedaling start against watts or rpm (null: a gap). */
export interface DetailPoint {
  x: number;
  y: number | null;
}

/**
 * How far either side of a sample the output line averages, seconds: a 20-second window (5 samples at every_n=5)
 * takes the edge off single pedal strokes and sensor noise without hiding a surge or the fade.
 */
export const SMOOTHING_HALF_WINDOW_S = 10;

/**
 * The samples averaged with their neighbours within `halfWindow` seconds either side (a centred moving average over
 * the samples that have a value; null where none in the window has). One pass, O(n).
 */
export function smoothed(seconds: readonly number[], values: readonly (number | null)[], halfWindow = SMOOTHING_HALF_WINDOW_S): DetailPoint[] {
  const points: DetailPoint[] = [];
  let lo = 0;
  let hi = 0;
  let sum = 0;
  let count = 0;
  for (let i = 0; i < seconds.length; i++) {
    const t = seconds[i];
    for (; hi < seconds.length && seconds[hi] <= t + halfWindow; hi++) {
      const v = values[hi];
      if (v != null) {
        sum += v;
        count++;
      }
    }
    for (; seconds[lo] < t - halfWindow; lo++) {
      const v = values[lo];
      if (v != null) {
        sum -= v;
        count--;
      }
    }
    points.push({ x: t, y: count > 0 ? sum / count : null });
  }
  return points;
}

/**
 * The four quarters' mean output as a step over the class: points at 0, D/4, D/2, 3D/4 and D, each holding its
 * quarter's watts until the next (draw with `stepped: 'before'`).
 */
export function quarterSteps(duration: number, quartersW: readonly number[]): DetailPoint[] {
  return [0, 1, 2, 3, 4].map((k) => ({ x: (k * duration) / 4, y: quartersW[Math.min(k, 3)] }));
}

/** A level across the class (the average output, the result): two points, at 0 and at D. */
export function level(duration: number, watts: number): DetailPoint[] {
  return [
    { x: 0, y: watts },
    { x: duration, y: watts },
  ];
}

/** Seconds as a clock: `12:05`, `0:40`. */
export function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** The detail's heading: `FTP test of 2026-01-14`. */
export function detailTitle(row: ChartRow): string {
  return l10n.t('FTP test of {0}', localDate(row.takenAt));
}

/** The detail's figures: `Pacing −5 % · 193 · 187 · 182 · 178 W · Avg output 185 W · Result 176 W`. */
export function detailFigures(row: ChartRow): string {
  return [
    l10n.t('Pacing {0}', formatPacing(row.pacing)),
    l10n.t('Avg output {0}', formatWatts(row.avgOutput)),
    l10n.t('Result {0}', formatWatts(row.calculatedFtp)),
  ].join(' · ');
}

/**
 * The line about the test it is compared with: `Dashed: the test of 2024-11-13 (+2 % · 170 · 171 · 174 · 176 W)`,
 * `The test before it (2024-11-13) has no power data.`, or `No earlier test to compare with.`
 * @param previous the test before it (its row, when the history has it) and whether a series came for it.
 */
export function comparisonText(previous: { row: ChartRow | undefined; takenAt: number; hasSeries: boolean } | null): string {
  if (!previous) return l10n.t('No earlier test to compare with.');
  const day = localDate(previous.takenAt);
  if (!previous.hasSeries) return l10n.t('The test before it ({0}) has no power data.', day);
  return l10n.t('Dashed: the test before it, {0} ({1})', day, formatPacing(previous.row?.pacing));
}

/** Why a test has no power chart. */
export function noSeriesText(): string {
  return l10n.t('This test has no power data: its performance graph has no output series.');
}

/**
 * A short description of the detail chart for screen readers (the figures beside it say the rest):
 * `Output over the 20 minutes of the test of 2026-01-14: 205 W at the start, 172 W at the end; …`.
 */
export function describeDetail(row: ChartRow, series: PowerSeriesData, comparedWith: number | null): string {
  const line = smoothed(series.seconds, series.output).filter((p): p is { x: number; y: number } => p.y !== null);
  const first = line[0];
  const last = line[line.length - 1];
  const sentences = [
    first && last
      ? l10n.t(
          'Output over the {0} minutes of the test of {1}: {2} at the start, {3} at the end.',
          Math.round(series.duration / 60),
          localDate(row.takenAt),
          formatWatts(first.y),
          formatWatts(last.y),
        )
      : l10n.t('Output of the test of {0}.', localDate(row.takenAt)),
    l10n.t('Lines at its average output and its result; the quarters as a band.'),
  ];
  if (comparedWith !== null) sentences.push(l10n.t('Dashed: the test of {0}.', localDate(comparedWith)));
  return sentences.join(' ');
}
