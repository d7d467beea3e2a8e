/**
 * The stored FTP history and how a refresh merges into it. A stored test never changes (a workout's
 * `ftp_info` is fixed once ridden), so a refresh fetches only tests the store lacks and keeps the rest.
 * A failed or partial refresh never replaces a stored history with less. Also the applied/declined rule.
 */
import type { AppliedMark, FtpTest, RiderFtp } from './model';
import { currentFtp, testBaselineKind } from './rules';

/**
 * The union of the stored tests and freshly fetched ones (a fresh test replaces the stored one of the same
 * workout id), newest first by `takenAt` (ties by workout id, descending). Never fewer tests than stored.
 */
export function mergeTests(stored: readonly FtpTest[], fresh: readonly FtpTest[]): FtpTest[] {
  const byId = new Map<string, FtpTest>();
  for (const test of stored) byId.set(test.workoutId, test);
  for (const test of fresh) byId.set(test.workoutId, test);
  return [...byId.values()].sort((a, b) => b.takenAt - a.takenAt || (a.workoutId < b.workoutId ? 1 : a.workoutId > b.workoutId ? -1 : 0));
}

/**
 * Sets each test's {@link FtpTest.applied} (tests newest first, as {@link mergeTests} orders them):
 * - `applied`: a test's `ftp_info.ftp_workout_id` (the next test's baseline) or GET /api/me
 *   `cycling_ftp_workout_id` names it: its result became the rider's FTP;
 * - `not-applied`: the next newer test's baseline was set by an OLDER test (`ftp_workout_source`,
 *   `ftp_workout_id` naming a test taken before it, or one not in the history), or, for the newest test,
 *   /api/me's current FTP is such an older test: the rider declined it;
 * - null: a manual or estimated FTP (or none) came next, or it is the newest and /api/me names no test.
 * Source: PELOTON_API.md "Finding every FTP test" (inferred from the chain's meaning; Peloton documents no
 * field for a declined test).
 */
export function markApplied(tests: readonly FtpTest[], rider: RiderFtp): FtpTest[] {
  const byId = new Map(tests.map((t) => [t.workoutId, t]));
  const current = currentFtp(rider);
  const named = new Set<string>();
  if (current.testWorkoutId) named.add(current.testWorkoutId);
  for (const test of tests) if (test.previousTestId) named.add(test.previousTestId);
  return tests.map((test, i) => {
    let applied: AppliedMark = null;
    if (named.has(test.workoutId)) {
      applied = 'applied';
    } else {
      const next = i > 0 ? tests[i - 1] : undefined;
      const setBy = next
        ? testBaselineKind(next) === 'test'
          ? next.previousTestId
          : null
        : current.testWorkoutId;
      const setter = setBy ? byId.get(setBy) : undefined;
      if (setBy && (setter === undefined || setter.takenAt < test.takenAt)) applied = 'not-applied';
    }
    return test.applied === applied ? test : { ...test, applied };
  });
}
