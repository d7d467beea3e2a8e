/**
 * Merging a fresh walk into the stored history. The chain behind a stored test never changes (a
 * workout's `ftp_info` is fixed once ridden), so a refresh walks only until it meets a stored test and
 * the rest comes from the store. A failed or partial walk never replaces a stored history with less.
 */
import type { FtpChainResult, FtpTest, RiderFtp, StopReason } from './ftpChain';

/** A history as kept between runs: the rider's FTP, the tests newest first, and when it was fetched (Unix s). */
export interface FtpHistory {
  rider: RiderFtp;
  tests: FtpTest[];
  warnings: string[];
  /** Why the oldest part of the history ends: `end`, `cycle`, `limit` or `missing` (never `aborted`/`known`). */
  endReason: Exclude<StopReason, 'aborted' | 'known'>;
  /** When the walk that produced it finished, Unix seconds. */
  fetchedAt: number;
}

/** What a merge decided: the history to keep and show, and whether it differs from the stored one. */
export interface MergeOutcome {
  /** The history to show; null only when nothing was stored and the walk was aborted. */
  history: FtpHistory | null;
  /** False when the stored history was kept as it was (an aborted or shrinking walk). */
  replaced: boolean;
  /** Tests the walk found that the store did not have. */
  newTests: number;
}

/**
 * Merges a walk into the stored history (null when none). Rules: an `aborted` walk changes nothing (its
 * partial tests are dropped, so a stored history is always a whole chain from its newest test); a walk
 * that stopped at a `known` test is followed by the stored tests from that test on, inheriting the
 * stored `endReason` (a whole chain, even when shorter than stored: a newer stored test was deleted); a
 * walk that would leave fewer tests than stored without reaching the chain's `end` or a stored test keeps
 * the stored tests (with the walk's warnings); otherwise the walk replaces the stored history.
 * @param now Unix seconds, the new `fetchedAt`.
 */
export function mergeWalk(stored: FtpHistory | null, walk: FtpChainResult, now: number): MergeOutcome {
  if (walk.stoppedBecause === 'aborted') return { history: stored, replaced: false, newTests: 0 };
  const storedTests = stored?.tests ?? [];
  const storedIds = new Set(storedTests.map((t) => t.workoutId));
  const newTests = walk.tests.filter((t) => !storedIds.has(t.workoutId)).length;
  let tests = walk.tests;
  let endReason: FtpHistory['endReason'] = walk.stoppedBecause === 'known' ? 'end' : walk.stoppedBecause;
  // A walk joined to the stored tail is a whole chain (e.g. shorter because the rider deleted a newer test).
  let joined = false;
  if (walk.stoppedBecause === 'known') {
    const from = storedTests.findIndex((t) => t.workoutId === walk.stoppedAt);
    if (stored && from >= 0) {
      tests = [...walk.tests, ...storedTests.slice(from)];
      endReason = stored.endReason;
      joined = true;
    }
  }
  if (stored && walk.stoppedBecause !== 'end' && !joined && tests.length < storedTests.length) {
    return { history: { ...stored, warnings: walk.warnings }, replaced: false, newTests: 0 };
  }
  return { history: { rider: walk.rider, tests, warnings: walk.warnings, endReason, fetchedAt: now }, replaced: true, newTests };
}
