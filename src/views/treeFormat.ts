/**
 * Text of the FTP Tests tree: labels, descriptions and Markdown tooltips, as pure functions (no
 * `vscode`), so the wording is tested in plain Node. Watts are whole watts; dates in local time.
 */
import type { FtpTest, RiderFtp } from '../peloton/ftpChain';
import { formatChange as formatChangeBetween, formatDate } from '../webview/format';

/** `YYYY-MM-DD` of a Unix-seconds instant in the local time zone (the chart page's own formatting). */
export function localDate(unixSeconds: number): string {
  return formatDate(unixSeconds * 1000);
}

/** A signed change in watts: `+12 W`, `−7 W` (U+2212 minus), `±0 W` (the chart page's wording, with the unit). */
export function formatChange(watts: number): string {
  return `${formatChangeBetween(watts, 0)} W`;
}

/** The change from baseline to result in watts, or null when either is unknown. */
export function ftpChange(test: Pick<FtpTest, 'calculatedFtp' | 'baselineFtp'>): number | null {
  return test.calculatedFtp !== null && test.baselineFtp !== null ? test.calculatedFtp - test.baselineFtp : null;
}

/** A test row's label: `2026-01-14 · 176 W`, or `2019-12-04 · no output data`. */
export function testLabel(test: FtpTest): string {
  return `${localDate(test.takenAt)} · ${test.calculatedFtp === null ? 'no output data' : `${test.calculatedFtp} W`}`;
}

/** A test row's description: `baseline 183 W · −7 W`, `baseline 183 W`, `first test`, or `baseline unknown`. */
export function testDescription(test: FtpTest): string {
  if (test.baselineFtp === null) return test.previousTestId === null ? 'first test' : 'baseline unknown';
  const change = ftpChange(test);
  return change === null ? `baseline ${test.baselineFtp} W` : `baseline ${test.baselineFtp} W · ${formatChange(change)}`;
}

/** Words for `ftp_info.ftp_source`. */
export function describeSource(test: Pick<FtpTest, 'baselineSource' | 'rawBaseline'>): string {
  switch (test.baselineSource) {
    case 'ftp_workout_source':
      return 'set by an FTP test';
    case 'ftp_manual_source':
      return `entered by hand as a 20-minute average of ${test.rawBaseline} W (× 0.95)`;
    case 'ftp_estimated_source':
      return "Peloton's estimate";
    case null:
      return 'none';
    default:
      return `unknown source "${test.baselineSource}"`;
  }
}

/** Escapes text for Markdown (ride titles and names come from Peloton). */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, (c) => `\\${c}`);
}

/** The Markdown tooltip of a test row: ride, instructor, average output, result, baseline and source, warnings. */
export function testTooltip(test: FtpTest): string {
  const lines = [`**${escapeMarkdown(test.rideTitle ?? 'FTP test')}**${test.instructor ? ` with ${escapeMarkdown(test.instructor)}` : ''}`, ''];
  lines.push(`- Date: ${localDate(test.takenAt)}`);
  lines.push(`- Average output: ${test.avgOutput === null ? 'no output data' : `${test.avgOutput} W`}`);
  lines.push(`- Result (average output × 0.95): ${test.calculatedFtp === null ? '—' : `**${test.calculatedFtp} W**`}`);
  if (test.baselineFtp === null) {
    lines.push(`- Baseline FTP: ${test.previousTestId === null ? 'none (first test)' : 'unknown'}`);
  } else {
    const change = ftpChange(test);
    lines.push(`- Baseline FTP: ${test.baselineFtp} W, ${describeSource(test)}${change === null ? '' : ` (change ${formatChange(change)})`}`);
  }
  for (const warning of test.warnings) lines.push(`- ⚠ ${escapeMarkdown(warning)}`);
  return lines.join('\n');
}

/** The summary row's label: `Current FTP 176 W` (or `Current FTP not set`). */
export function riderLabel(rider: RiderFtp): string {
  return rider.currentFtp ? `Current FTP ${rider.currentFtp} W` : 'Current FTP not set';
}

/** The summary row's description: `Peloton estimate 180 W`, or empty. */
export function riderDescription(rider: RiderFtp): string {
  return rider.estimatedFtp ? `Peloton estimate ${rider.estimatedFtp} W` : '';
}

/**
 * How old a history is, in the display language's words (Intl.RelativeTimeFormat): `now`, `5 minutes ago`,
 * `3 hours ago`, `yesterday`, `2 days ago` in English. Whole units, rounded down.
 * @param fetchedAt when the history was fetched, Unix seconds; @param now Unix seconds;
 * @param language a BCP 47 tag, e.g. `vscode.env.language`.
 */
export function formatAge(fetchedAt: number, now: number, language: string): string {
  const seconds = Math.max(0, now - fetchedAt);
  const format = new Intl.RelativeTimeFormat(language, { numeric: 'auto' });
  if (seconds < 60) return format.format(0, 'second');
  if (seconds < 3600) return format.format(-Math.floor(seconds / 60), 'minute');
  if (seconds < 86_400) return format.format(-Math.floor(seconds / 3600), 'hour');
  return format.format(-Math.floor(seconds / 86_400), 'day');
}
