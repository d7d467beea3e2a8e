/**
 * Text of the FTP Tests tree: labels, descriptions and tooltips, as pure functions (no `vscode`), so the
 * wording is tested in plain Node. Tooltips are plain-text parts that the tree turns into Markdown, Peloton's
 * text (ride titles, names, warnings) with `MarkdownString.appendText`, so it is never read as Markdown. Watts are
 * whole watts; dates in local time. Words go through `@vscode/l10n` (English in plain Node; the display language
 * once src/l10n/configure.ts has configured it in the extension host). The baseline's origin uses the chart page's words (src/webview/format.ts),
 * so the tree, its tooltips and the chart's table say the same thing.
 */
import * as l10n from '@vscode/l10n';
import { currentFtp, ftpChange, testBaselineKind, type BaselineKind } from '../peloton/ftp/rules';
import type { FtpTest, RiderFtp } from '../peloton/ftp/model';
import { pacingOf } from '../peloton/ftp/pacing';
import {
  firstTestText,
  notAppliedText,
  baselineOriginText,
  enteredByHandText,
  formatChange as formatChangeBetween,
  formatPacing,
} from '../webview/format';
import { localDate } from '../shared/dates';
import { warningMessage } from '../l10n/warningMessages';

export { firstTestText, notAppliedText };

/** A signed change in watts: `+12 W`, `−7 W` (U+2212 minus), `±0 W` (the chart page's wording, with the unit). */
export function formatChange(watts: number): string {
  return l10n.t('{0} W', formatChangeBetween(watts, 0));
}

/**
 * The tests of a history by workout id, to find the test that set a baseline (`previousTestId`).
 * @returns a lookup giving the test or undefined.
 */
export function testsById(tests: readonly FtpTest[]): (workoutId: string | null) => FtpTest | undefined {
  const byId = new Map(tests.map((t) => [t.workoutId, t]));
  return (workoutId) => (workoutId === null ? undefined : byId.get(workoutId));
}

/** A test row's label: `2026-01-14 · 176 W`, or `2019-12-04 · no output data`. */
export function testLabel(test: FtpTest): string {
  return test.calculatedFtp === null
    ? l10n.t('{0} · no output data', localDate(test.takenAt))
    : l10n.t('{0} · {1} W', localDate(test.takenAt), test.calculatedFtp);
}

/** The baseline's origin in short, for a row's description: `from the test of 2019-12-04`, `entered by hand`, `Peloton's estimate`. */
function shortOrigin(kind: BaselineKind, setBy: FtpTest | undefined): string {
  if (kind === 'test') return setBy ? l10n.t('from the test of {0}', localDate(setBy.takenAt)) : l10n.t('from an FTP test');
  return baselineOriginText(kind, null);
}

/**
 * A test row's description: `baseline 183 W · −7 W · from the test of 2019-12-04`, `baseline 135 W · +5 W · entered
 * by hand`, `baseline 180 W · Peloton's estimate`, or `first test`; prefixed `not applied · ` for a declined test.
 * Most telling first, so a narrow side bar cuts the origin (also in the tooltip) before the change.
 * @param setBy the test that set the baseline (`previousTestId` looked up in the history), when known.
 */
export function testDescription(test: FtpTest, setBy?: FtpTest): string {
  const kind = testBaselineKind(test);
  let text: string;
  if (kind === 'none' || test.baselineFtp === null) text = firstTestText();
  else {
    const change = ftpChange(test);
    text =
      change === null
        ? l10n.t('baseline {0} W · {1}', test.baselineFtp, shortOrigin(kind, setBy))
        : l10n.t('baseline {0} W · {1} · {2}', test.baselineFtp, formatChange(change), shortOrigin(kind, setBy));
  }
  return test.applied === 'not-applied' ? l10n.t('{0} · {1}', notAppliedText(), text) : text;
}

/** The baseline line of a tooltip: `183 W, set by the test of 2019-12-04`, `135 W, entered by hand: 142 W …`, `first test`. */
export function describeBaseline(test: FtpTest, setBy?: FtpTest): string {
  const kind = testBaselineKind(test);
  if (kind === 'none' || test.baselineFtp === null) {
    return test.baselineSource && !['ftp_workout_source', 'ftp_manual_source', 'ftp_estimated_source'].includes(test.baselineSource)
      ? l10n.t('first test (Peloton gave an unknown baseline source)')
      : firstTestText();
  }
  const origin = baselineOriginText(kind, setBy?.takenAt ?? null);
  if (kind === 'manual' && test.rawBaseline !== null) {
    return l10n.t('{0} W, {1}: {2}', test.baselineFtp, origin, enteredByHandText(test.rawBaseline, test.baselineFtp));
  }
  return l10n.t('{0} W, {1}', test.baselineFtp, origin);
}

/** Why a test is marked (or not): the tooltip line about whether its result became the FTP, or null for no mark. */
export function appliedExplanation(test: FtpTest): string | null {
  if (test.applied === 'not-applied') {
    return l10n.t('Not applied: the next test started from an older FTP, so this result never became your FTP (it was declined)');
  }
  if (test.applied === 'applied') return l10n.t('Applied: this result became your FTP');
  return null;
}

/**
 * A tooltip as plain text: a bold title and an optional subtitle (Peloton's text: ride title, instructor),
 * bullet lines of the extension's own wording (figures, dates, sources: no Markdown syntax in them), and
 * warnings (which may quote Peloton).
 */
export interface TooltipParts {
  title: string;
  subtitle: string | null;
  lines: string[];
  warnings: string[];
}

/**
 * The tooltip of a test row: ride, instructor, date, average output, result, pacing (`−5 % · 193 · 187 · 182 · 178 W`,
 * or the em dash without a power series), applied or not and why, baseline and its source, warnings.
 */
export function testTooltip(test: FtpTest, setBy?: FtpTest): TooltipParts {
  const lines = [
    l10n.t('Date: {0}', localDate(test.takenAt)),
    test.avgOutput === null ? l10n.t('Average output: no output data') : l10n.t('Average output: {0} W', test.avgOutput),
    test.calculatedFtp === null ? l10n.t('Result (average output × 0.95): —') : l10n.t('Result (average output × 0.95): {0} W', test.calculatedFtp),
    l10n.t('Pacing (half split, then each quarter): {0}', formatPacing(pacingOf(test.series))),
  ];
  const applied = appliedExplanation(test);
  if (applied) lines.push(applied);
  const change = ftpChange(test);
  lines.push(
    change === null
      ? l10n.t('Baseline FTP: {0}', describeBaseline(test, setBy))
      : l10n.t('Baseline FTP: {0} (change {1})', describeBaseline(test, setBy), formatChange(change)),
  );
  return {
    title: test.rideTitle ?? l10n.t('FTP test'),
    subtitle: test.instructor ? l10n.t('with {0}', test.instructor) : null,
    lines,
    warnings: test.warnings.map((w) => l10n.t('⚠ {0}', warningMessage(w))),
  };
}

/**
 * The summary row's label: the current FTP by its source (GET /api/me `cycling_ftp` and `cycling_ftp_source`;
 * a hand-entered value × 0.95): `Current FTP 176 W`, or `Current FTP not set`.
 */
export function riderLabel(rider: RiderFtp): string {
  const current = currentFtp(rider);
  return current.watts !== null ? l10n.t('Current FTP {0} W', current.watts) : l10n.t('Current FTP not set');
}

/** Where the current FTP came from, in words: `set by the test of 2026-01-14`, `entered by hand: 142 W …`, `Peloton's estimate`; null when unset. */
export function currentFtpOrigin(rider: RiderFtp, tests: readonly FtpTest[]): string | null {
  const current = currentFtp(rider);
  if (current.watts === null) return null;
  if (current.kind === 'manual' && current.enteredWatts !== null) {
    return l10n.t('{0}: {1}', baselineOriginText('manual', null), enteredByHandText(current.enteredWatts, current.watts));
  }
  const setBy = current.kind === 'test' ? tests.find((t) => t.workoutId === current.testWorkoutId) : undefined;
  return baselineOriginText(current.kind, setBy?.takenAt ?? null);
}

/** The summary row's description: `entered by hand · Peloton estimate 180 W`, `Peloton estimate 180 W`, or empty. */
export function riderDescription(rider: RiderFtp): string {
  const current = currentFtp(rider);
  const parts: string[] = [];
  if (current.kind === 'manual' || current.kind === 'estimated') parts.push(baselineOriginText(current.kind, null));
  if (rider.estimatedFtp && current.kind !== 'estimated') parts.push(l10n.t('Peloton estimate {0} W', rider.estimatedFtp));
  return parts.length === 2 ? l10n.t('{0} · {1}', parts[0], parts[1]) : (parts[0] ?? '');
}

/** The summary row's tooltip: the rider, the current FTP and where it came from, Peloton's estimate. */
export function riderTooltip(rider: RiderFtp, tests: readonly FtpTest[]): TooltipParts {
  const origin = currentFtpOrigin(rider, tests);
  const lines = [origin ? l10n.t('{0}, {1}', riderLabel(rider), origin) : riderLabel(rider)];
  // When the current FTP is Peloton's estimate, the first line already says so (and its watts).
  const current = currentFtp(rider);
  if (rider.estimatedFtp && !(current.kind === 'estimated' && current.watts === rider.estimatedFtp)) {
    lines.push(l10n.t('Peloton estimate {0} W', rider.estimatedFtp));
  }
  lines.push(tests.length === 1 ? l10n.t('1 FTP test found') : l10n.t('{0} FTP tests found', tests.length));
  return { title: rider.username, subtitle: null, lines, warnings: [] };
}

/**
 * The view's message for a rider with no FTP test at all, saying where the current FTP comes from:
 * `No FTP test found in your workouts. Your current FTP, 135 W, was entered by hand (142 W × 0.95).`
 */
export function noTestsMessage(rider: RiderFtp): string {
  const current = currentFtp(rider);
  switch (current.kind) {
    case 'manual':
      return l10n.t(
        'No FTP test found in your Peloton workouts. Your current FTP, {0} W, was entered by hand ({1} W × 0.95).',
        current.watts ?? 0,
        current.enteredWatts ?? 0,
      );
    case 'estimated':
      return l10n.t("No FTP test found in your Peloton workouts. Your current FTP, {0} W, is Peloton's estimate.", current.watts ?? 0);
    case 'test':
      return l10n.t('No FTP test found in your Peloton workouts. Your current FTP, {0} W, was set by an FTP test that could not be read.', current.watts ?? 0);
    case 'none':
      return l10n.t('No FTP test found in your Peloton workouts. Peloton has no FTP for you yet: take an FTP test ride, then refresh.');
  }
}

/** One Intl.RelativeTimeFormat per language: building one costs about a millisecond, and the view asks on every change. */
const relativeTimeFormats = new Map<string, Intl.RelativeTimeFormat>();
function relativeTimeFormat(language: string): Intl.RelativeTimeFormat {
  let format = relativeTimeFormats.get(language);
  if (!format) relativeTimeFormats.set(language, (format = new Intl.RelativeTimeFormat(language, { numeric: 'auto' })));
  return format;
}

/**
 * How old a history is, in the display language's words (Intl.RelativeTimeFormat): `now`, `5 minutes ago`,
 * `3 hours ago`, `yesterday`, `2 days ago` in English. Whole units, rounded down.
 * @param fetchedAt when the history was fetched, Unix seconds; @param now Unix seconds;
 * @param language a BCP 47 tag, e.g. `vscode.env.language`.
 */
export function formatAge(fetchedAt: number, now: number, language: string): string {
  const seconds = Math.max(0, now - fetchedAt);
  const format = relativeTimeFormat(language);
  if (seconds < 60) return format.format(0, 'second');
  if (seconds < 3600) return format.format(-Math.floor(seconds / 60), 'minute');
  if (seconds < 86_400) return format.format(-Math.floor(seconds / 3600), 'hour');
  return format.format(-Math.floor(seconds / 86_400), 'day');
}
