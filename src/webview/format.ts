/**
 * How the FTP chart page writes watts, changes and a baseline's origin: plain functions of their inputs, shared
 * by the chart, the table and the tree so all say the same thing (dates: src/shared/dates.ts). Words go through `@vscode/l10n` (English until a bundle is
 * configured: src/l10n/configure.ts in the extension host, src/webview/l10nInit.ts in the page).
 */
import * as l10n from '@vscode/l10n';
import { localDate } from '../shared/dates';

/** U+2212 MINUS SIGN, the typographic minus used for negative changes. */
export const MINUS = '\u2212';
/** U+2014 EM DASH, shown where there is no value. */
export const NONE = '\u2014';

/** Watts as `183 W`, or the em dash when unknown. */
export function formatWatts(watts: number | null): string {
  return watts == null ? NONE : `${Math.round(watts)} W`;
}

/** A bare watt figure (`183`) for table cells under a "(W)" title, or the em dash when unknown. */
export function formatWattsBare(watts: number | null): string {
  return watts == null ? NONE : String(Math.round(watts));
}

/**
 * The change from baseline to result: `+12`, `−7` (U+2212), `±0`, or the em dash when either side is
 * unknown.
 */
export function formatChange(result: number | null, baseline: number | null): string {
  if (result == null || baseline == null) return NONE;
  const delta = Math.round(result) - Math.round(baseline);
  if (delta > 0) return `+${delta}`;
  if (delta < 0) return `${MINUS}${-delta}`;
  return '\u00b10';
}

/**
 * Where a baseline FTP came from, as the chart message carries it: `test` (set by an FTP test),
 * `manual` (entered by hand), `estimated` (Peloton's estimate), `none` (no baseline: the first test).
 * The same values as `BaselineKind` in src/peloton/ftp/rules.ts (the page may not import the domain).
 */
export type BaselineOrigin = 'test' | 'manual' | 'estimated' | 'none';

/** The one wording for a test without a baseline FTP, in the tree, its tooltip and the chart's table. */
export function firstTestText(): string {
  return l10n.t('first test');
}
/** The one wording for a test whose result did not become the rider's FTP (declined). */
export function notAppliedText(): string {
  return l10n.t('not applied');
}

/**
 * Where a baseline came from, in words shared by the tree, its tooltips and the chart's table:
 * `set by the test of 2019-12-04` (`setByTakenAt`, Unix seconds, is when that test was taken; null when it
 * is not in the history: `set by an FTP test`), `entered by hand`, `Peloton's estimate`, or `first test`.
 */
export function baselineOriginText(origin: BaselineOrigin, setByTakenAt: number | null): string {
  switch (origin) {
    case 'test':
      return setByTakenAt == null ? l10n.t('set by an FTP test') : l10n.t('set by the test of {0}', localDate(setByTakenAt));
    case 'manual':
      return l10n.t('entered by hand');
    case 'estimated':
      return l10n.t("Peloton's estimate");
    case 'none':
      return firstTestText();
  }
}

/**
 * A hand-entered FTP with what it stands for: `142 W entered as a 20-minute average, × 0.95 = 135 W`.
 * @param entered the value the rider entered (Peloton's `ftp`/`cycling_ftp`, watts); @param ftp the FTP it stands for.
 */
export function enteredByHandText(entered: number, ftp: number): string {
  return l10n.t('{0} W entered as a 20-minute average, × 0.95 = {1} W', Math.round(entered), Math.round(ftp));
}
