/**
 * FTP arithmetic: a test's result from its average output, the baseline FTP a ride was based on, and
 * Peloton's seven power zones. All values in watts, rounded to whole watts.
 */

/** The share of a 20-minute test's average output that counts as FTP. */
export const FTP_FACTOR = 0.95;

/**
 * The FTP result of an FTP test: `round(avgOutput × 0.95)`, in watts.
 * @param avgOutput the test's average output in watts (performance graph, slug `avg_output`).
 */
export function calculatedFtp(avgOutput: number): number {
  return Math.round(avgOutput * FTP_FACTOR);
}

/**
 * The baseline FTP a ride's power zones were based on, from its `ftp_info` (GET /api/workout/{id}):
 * `ftp` as is for `ftp_workout_source` and `ftp_estimated_source`; `round(ftp × 0.95)` for
 * `ftp_manual_source`, where Peloton stores the 20-minute average entered by hand (peloton-to-garmin #287);
 * null when `ftp` is 0 or null (a rider's first test has no baseline) or the source is unknown.
 */
export function baselineFtp(ftpInfo: { ftp: number | null; ftp_source?: string | null }): number | null {
  const { ftp, ftp_source: source } = ftpInfo;
  if (ftp == null || ftp <= 0) return null;
  switch (source) {
    case 'ftp_workout_source':
    case 'ftp_estimated_source':
      return Math.round(ftp);
    case 'ftp_manual_source':
      return calculatedFtp(ftp);
    default:
      return null;
  }
}

/**
 * Where a baseline (or the current FTP) came from, in the field's terms: `test` (set by an FTP test,
 * `ftp_workout_source`), `manual` (entered by hand, `ftp_manual_source`), `estimated` (Peloton's estimate,
 * `ftp_estimated_source`), or `none` (no baseline: `ftp` 0 or null, e.g. a rider's first test, or an
 * unknown source). Source: `ftp_info.ftp_source` of GET /api/workout/{id}, `cycling_ftp_source` of GET /api/me.
 */
export type BaselineKind = 'test' | 'manual' | 'estimated' | 'none';

/**
 * The {@link BaselineKind} of an `ftp_source` value and the stored `ftp` (watts).
 * @param ftp the stored value in watts; 0 or null means no baseline whatever the source says.
 */
export function baselineKind(source: string | null | undefined, ftp: number | null | undefined): BaselineKind {
  if (ftp == null || ftp <= 0) return 'none';
  switch (source) {
    case 'ftp_workout_source':
      return 'test';
    case 'ftp_manual_source':
      return 'manual';
    case 'ftp_estimated_source':
      return 'estimated';
    default:
      return 'none';
  }
}

/**
 * Where a stored test's baseline came from: the {@link BaselineKind} of its `ftp_info` (`ftp_source` and the
 * stored `ftp`, GET /api/workout/{id}). One rule for the tree, the chart, the export and the applied marks.
 */
export function testBaselineKind(test: { baselineSource: string | null; rawBaseline: number | null }): BaselineKind {
  return baselineKind(test.baselineSource, test.rawBaseline);
}

/** The change from a test's baseline to its result, in watts (result − baseline); null when either is unknown. */
export function ftpChange(test: { calculatedFtp: number | null; baselineFtp: number | null }): number | null {
  return test.calculatedFtp !== null && test.baselineFtp !== null ? test.calculatedFtp - test.baselineFtp : null;
}

/** The rider's current FTP read by its source (see {@link currentFtp}). Watts are whole watts. */
export interface CurrentFtp {
  /** The FTP in watts (a hand-entered value already × 0.95); null when Peloton has none. */
  watts: number | null;
  /** Where it came from. */
  kind: BaselineKind;
  /** For `manual`: the 20-minute average the rider entered (`cycling_ftp`, watts); else null. */
  enteredWatts: number | null;
  /** For `test`: the FTP test's workout id (`cycling_ftp_workout_id`); else null. */
  testWorkoutId: string | null;
}

/**
 * The rider's current FTP by the same rule as a baseline: GET /api/me `cycling_ftp` read according to
 * `cycling_ftp_source` (a hand-entered value is a 20-minute average and stands for × 0.95;
 * peloton-to-garmin #287). E.g. `{cycling_ftp: 142, cycling_ftp_source: 'ftp_manual_source'}` → 135 W.
 */
export function currentFtp(rider: {
  currentFtp: number | null;
  currentFtpSource: string | null;
  currentFtpWorkoutId: string | null;
}): CurrentFtp {
  const kind = baselineKind(rider.currentFtpSource, rider.currentFtp);
  const watts = kind === 'none' ? null : baselineFtp({ ftp: rider.currentFtp, ftp_source: rider.currentFtpSource });
  return {
    watts,
    kind,
    enteredWatts: kind === 'manual' ? rider.currentFtp : null,
    testWorkoutId: kind === 'test' ? rider.currentFtpWorkoutId : null,
  };
}

/**
 * One power zone: `zone` 1–7, Peloton's English name, its watt range (`maxWatts` null for zone 7,
 * open-ended) and its upper bound in % of FTP (null for zone 7).
 */
export interface PowerZone {
  zone: number;
  name: string;
  minWatts: number;
  maxWatts: number | null;
  upperPercent: number | null;
}

/** Peloton's seven zones as upper bounds in % of FTP (Z1 0–55, Z2 56–75, … Z7 above 150). */
const ZONES: ReadonlyArray<{ name: string; upperPercent: number | null }> = [
  { name: 'Active Recovery', upperPercent: 55 },
  { name: 'Endurance', upperPercent: 75 },
  { name: 'Tempo', upperPercent: 90 },
  { name: 'Threshold', upperPercent: 105 },
  { name: 'VO2 Max', upperPercent: 120 },
  { name: 'Anaerobic Capacity', upperPercent: 150 },
  { name: 'Neuromuscular', upperPercent: null },
];

/**
 * Peloton's seven power zones for an FTP (Z1 ≤ 55 %, Z2 56–75 %, Z3 76–90 %, Z4 91–105 %, Z5 106–120 %,
 * Z6 121–150 %, Z7 > 150 %; names Active Recovery, Endurance, Tempo, Threshold, VO2 Max, Anaerobic Capacity,
 * Neuromuscular). Rule for watts: the upper bound of zone k is `round(ftp × upper% / 100)`, half up; the
 * lower bound is the previous zone's upper bound + 1; zone 1 starts at 0 W; zone 7 has no upper bound.
 * E.g. FTP 176 W: Z4 Threshold 159–185 W, Z7 above 264 W.
 * @param ftp watts, > 0.
 * @throws {RangeError} when `ftp` is not a positive finite number.
 */
export function powerZones(ftp: number): PowerZone[] {
  if (!Number.isFinite(ftp) || ftp <= 0) throw new RangeError(`FTP must be a positive number of watts, got ${ftp}`);
  let minWatts = 0;
  return ZONES.map(({ name, upperPercent }, i) => {
    const maxWatts = upperPercent === null ? null : Math.round((ftp * upperPercent) / 100);
    const zone = { zone: i + 1, name, minWatts, maxWatts, upperPercent };
    if (maxWatts !== null) minWatts = maxWatts + 1;
    return zone;
  });
}
