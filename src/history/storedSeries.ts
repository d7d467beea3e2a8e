/**
 * How a test's power series (FtpTest.series, model.ts PowerSeries) is kept in the history file: compactly, so a
 * test adds about 2 KB however the file is indented. Each list is one string: the samples' output and cadence as
 * comma-separated numbers (an empty field for a missing value), the labels (`seconds_since_pedaling_start`) as their
 * steps from 0 with repeats folded: `5*240` is 5, 10, …, 1200 and `1,5*359,4` is 1, 6, …, 1796, 1800.
 * Plain Node (no `vscode`).
 */
import * as z from 'zod';
import type { FtpHistory, FtpTest, PowerSeries } from '../peloton/ftp/model';

/** A power series as stored (see the file's comment). */
interface StoredSeries {
  duration: number;
  seconds: string;
  output: string;
  cadence: string | null;
}

const NUMBER = /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i;

/**
 * `193,,180` → [193, null, 180], for `length` samples (the empty text is no sample when `length` is 0, one missing
 * value when it is 1); null when a field is not a number or the count differs.
 */
function decodeValues(text: string, length: number): (number | null)[] | null {
  if (length === 0) return text === '' ? [] : null;
  const values: (number | null)[] = [];
  for (const field of text.split(',')) {
    if (field === '') values.push(null);
    else if (NUMBER.test(field)) values.push(Number(field));
    else return null;
  }
  return values.length === length ? values : null;
}

const encodeValues = (values: readonly (number | null)[]): string => values.map((v) => (v === null ? '' : String(v))).join(',');

/** Labels as their steps from 0, a run of one step `step*count`. */
function encodeLabels(labels: readonly number[]): string {
  const runs: string[] = [];
  let previous = 0;
  let step = Number.NaN;
  let count = 0;
  const flush = (): void => {
    if (count > 0) runs.push(count === 1 ? String(step) : `${step}*${count}`);
  };
  for (const label of labels) {
    const delta = label - previous;
    previous = label;
    if (delta === step) count++;
    else {
      flush();
      step = delta;
      count = 1;
    }
  }
  flush();
  return runs.join(',');
}

/** The inverse of {@link encodeLabels}; null when a run does not read. */
function decodeLabels(text: string): number[] | null {
  if (text === '') return [];
  const labels: number[] = [];
  let at = 0;
  for (const run of text.split(',')) {
    const [stepText, countText = '1', extra] = run.split('*');
    if (extra !== undefined || !NUMBER.test(stepText ?? '') || !/^\d+$/.test(countText)) return null;
    const step = Number(stepText);
    for (let i = Number(countText); i > 0; i--) labels.push((at += step));
  }
  return labels;
}

/** The stored form of a series. */
export function encodeSeries(series: PowerSeries): StoredSeries {
  return {
    duration: series.duration,
    seconds: encodeLabels(series.seconds),
    output: encodeValues(series.output),
    cadence: series.cadence ? encodeValues(series.cadence) : null,
  };
}

/** The series a stored form stands for; null when it does not read (lists of different lengths, a field not a number). */
export function decodeSeries(stored: StoredSeries): PowerSeries | null {
  const seconds = decodeLabels(stored.seconds);
  if (!seconds) return null;
  const output = decodeValues(stored.output, seconds.length);
  const cadence = stored.cadence === null ? null : decodeValues(stored.cadence, seconds.length);
  if (!output || (stored.cadence !== null && !cadence)) return null;
  return { duration: stored.duration, seconds, output, cadence };
}

/**
 * The stored test's `series` field: absent (not read yet), null (none), or the stored form. One that does not read is
 * taken as absent, so the next refresh reads that graph again and the rest of the file still loads.
 */
export const storedSeriesSchema = z
  .union([
    z.null(),
    z.object({ duration: z.number(), seconds: z.string(), output: z.string(), cadence: z.string().nullable() }).transform((stored) => decodeSeries(stored) ?? undefined),
  ])
  .optional()
  .catch(undefined);

/** The history as written to the file: each test's series in its stored form. */
export function storedHistory(history: FtpHistory): unknown {
  const storedTest = (test: FtpTest) => (test.series ? { ...test, series: encodeSeries(test.series) } : test);
  return { ...history, tests: history.tests.map(storedTest) };
}
