/**
 * A small FTP history for the everyday-use tests (status bar, export): four tests newest first, one with
 * a hand-entered baseline, one declined, one without output data, and a first test. Built by hand so each
 * figure is known; times are noon UTC.
 */
import type { FtpHistory, FtpTest, PowerSeries, RiderFtp } from '../../../src/peloton/ftp/model';

/** Noon UTC of a day, Unix seconds. */
export const noon = (day: string): number => Date.parse(`${day}T12:00:00Z`) / 1000;

/** One FTP test with the fields the views read. */
export function ftpTest(fields: Partial<FtpTest> & Pick<FtpTest, 'workoutId' | 'takenAt'>): FtpTest {
  return {
    rideTitle: '20 min FTP Test Ride',
    instructor: 'Avery Stone',
    avgOutput: null,
    calculatedFtp: null,
    baselineFtp: null,
    baselineSource: null,
    rawBaseline: null,
    previousTestId: null,
    applied: null,
    warnings: [],
    ...fields,
  };
}

/**
 * A 20-minute test's power series at every_n=5 (labels 5, 10, …, 1200) holding each quarter's watts throughout that
 * quarter, at 90 rpm: its pacing is those quarters and the half split of their means.
 */
export function quarterSeries(quarters: readonly [number, number, number, number]): PowerSeries {
  const seconds = Array.from({ length: 240 }, (_, i) => 5 * (i + 1));
  return { duration: 1200, seconds, output: seconds.map((t) => quarters[Math.ceil(t / 300) - 1]!), cadence: seconds.map(() => 90) };
}

/** The rider: current FTP 176 W set by the newest test. */
export const rider: RiderFtp = {
  userId: 'u-everyday',
  username: 'everyday_rider',
  currentFtp: 176,
  currentFtpSource: 'ftp_workout_source',
  estimatedFtp: 181,
  currentFtpWorkoutId: 'w4',
};

/**
 * The history: w4 (applied) ← w3 (declined) … w2 (manual baseline, no output) ← w1 (first test). Pacing: w4 a fade
 * (−5 % · 193 · 187 · 182 · 178 W), w1 a negative split (+3 % · 190 · 190 · 196 · 196 W), w3 none (its graph has no
 * output series), w0 none (not read yet).
 */
export function everydayHistory(overrides: Partial<FtpHistory> = {}): FtpHistory {
  return {
    rider,
    tests: [
      ftpTest({ workoutId: 'w4', takenAt: noon('2026-01-14'), avgOutput: 185, calculatedFtp: 176, baselineFtp: 183, baselineSource: 'ftp_workout_source', rawBaseline: 183, previousTestId: 'w1', applied: 'applied', series: quarterSeries([193, 187, 182, 178]) }),
      ftpTest({ workoutId: 'w3', takenAt: noon('2025-06-02'), rideTitle: 'FTP Test, "Hills", part 1\nwith a line break', instructor: null, avgOutput: 170, calculatedFtp: 162, baselineFtp: 183, baselineSource: 'ftp_workout_source', rawBaseline: 183, previousTestId: 'w1', applied: 'not-applied', series: null }),
      ftpTest({ workoutId: 'w1', takenAt: noon('2024-03-10'), avgOutput: 193, calculatedFtp: 183, baselineFtp: 143, baselineSource: 'ftp_manual_source', rawBaseline: 150, previousTestId: null, applied: 'applied', series: quarterSeries([190, 190, 196, 196]) }),
      ftpTest({ workoutId: 'w0', takenAt: noon('2023-01-05'), rideTitle: null, previousTestId: null }),
    ],
    warnings: [],
    endReason: 'end',
    fetchedAt: noon('2026-01-15'),
    ...overrides,
  };
}
