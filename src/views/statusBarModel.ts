/**
 * What the FTP status bar item says, as a pure function of the history on screen and the clock (no
 * `vscode`, so it is tested in plain Node): the current FTP by its source rule ({@link currentFtp}: GET
 * /api/me `cycling_ftp`, `cycling_ftp_source`, `cycling_ftp_workout_id`), the test that set it, and how
 * many calendar days (local time) have passed since the newest FTP test.
 */
import { currentFtp, type BaselineKind } from '../peloton/ftp/rules';
import type { FtpHistory } from '../peloton/ftp/model';

/** The figures the status bar item shows. */
export interface FtpStatus {
  /** The current FTP in watts (a hand-entered value already × 0.95); null when Peloton has none. */
  watts: number | null;
  /** Where it came from. */
  kind: BaselineKind;
  /** For `manual`: the 20-minute average the rider entered (watts); else null. */
  enteredWatts: number | null;
  /** For `test`: when the test that set it was taken (Unix seconds), if that test is in the history; else null. */
  setByTestAt: number | null;
  /** Calendar days from the newest FTP test to `now` (0 = today); null without tests. */
  daysSinceLastTest: number | null;
}

/** Local calendar days from instant `from` to instant `to` (both Unix seconds); never negative. */
export function calendarDaysBetween(from: number, to: number): number {
  const a = new Date(from * 1000);
  const b = new Date(to * 1000);
  const dayA = Date.UTC(a.getFullYear(), a.getMonth(), a.getDate());
  const dayB = Date.UTC(b.getFullYear(), b.getMonth(), b.getDate());
  return Math.max(0, Math.round((dayB - dayA) / 86_400_000));
}

/**
 * The status of a history at `now` (Unix seconds), or null when there is no history to show.
 */
export function ftpStatus(history: FtpHistory | null, now: number): FtpStatus | null {
  if (!history) return null;
  const ftp = currentFtp(history.rider);
  const setBy = ftp.testWorkoutId ? history.tests.find((t) => t.workoutId === ftp.testWorkoutId) : undefined;
  const newest = history.tests.reduce<number | null>((max, t) => (max === null || t.takenAt > max ? t.takenAt : max), null);
  return {
    watts: ftp.watts,
    kind: ftp.kind,
    enteredWatts: ftp.enteredWatts,
    setByTestAt: setBy?.takenAt ?? null,
    daysSinceLastTest: newest === null ? null : calendarDaysBetween(newest, now),
  };
}
