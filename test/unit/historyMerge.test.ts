import assert from 'node:assert/strict';
import type { FtpChainResult, FtpTest, RiderFtp, StopReason } from '../../src/peloton/ftpChain';
import { mergeWalk, type FtpHistory } from '../../src/peloton/historyMerge';

const NOW = 1_768_400_000;
const EARLIER = 1_768_000_000;

/** An FTP test `id` whose previous test is `prev`; avg output from the id's position for variety. */
function test(id: string, prev: string | null, avg = 200): FtpTest {
  return {
    workoutId: id,
    takenAt: 1_700_000_000 + id.charCodeAt(0) * 86_400,
    rideTitle: '20 min FTP Test Ride',
    instructor: 'Avery Stone',
    avgOutput: avg,
    calculatedFtp: Math.round(avg * 0.95),
    baselineFtp: prev ? 180 : null,
    baselineSource: prev ? 'ftp_workout_source' : null,
    rawBaseline: prev ? 180 : 0,
    previousTestId: prev,
    applied: null,
    warnings: [],
  };
}

/** Tests linked newest first: ids ['e','d','c'] give e → d → c → null. */
function chain(ids: string[]): FtpTest[] {
  return ids.map((id, i) => test(id, ids[i + 1] ?? null, 180 + i));
}

function rider(first: string | null, ftp = 190): RiderFtp {
  return { userId: 'u1', username: 'Rider', currentFtp: ftp, currentFtpSource: 'ftp_workout_source', estimatedFtp: ftp + 4, currentFtpWorkoutId: first };
}

function stored(ids: string[], endReason: FtpHistory['endReason'] = 'end'): FtpHistory {
  return { rider: rider(ids[0] ?? null, 180), tests: chain(ids), warnings: ['an old warning'], endReason, fetchedAt: EARLIER };
}

function walk(tests: FtpTest[], stoppedBecause: StopReason, stoppedAt: string | null = null, warnings: string[] = []): FtpChainResult {
  return { rider: rider(tests[0]?.workoutId ?? null), tests, warnings, stoppedBecause, stoppedAt };
}

const ids = (h: FtpHistory | null) => h?.tests.map((t) => t.workoutId);

describe('mergeWalk', () => {
  describe('a walk that stopped at a stored (known) test', () => {
    it('puts the new tests on top of the stored tail and inherits the stored endReason', () => {
      const before = stored(['c', 'b', 'a'], 'missing');
      const fresh = chain(['e', 'd', 'c']).slice(0, 2);
      const outcome = mergeWalk(before, walk(fresh, 'known', 'c', ['w1']), NOW);
      assert.deepEqual(ids(outcome.history), ['e', 'd', 'c', 'b', 'a']);
      assert.equal(outcome.history?.endReason, 'missing');
      assert.equal(outcome.replaced, true);
      assert.equal(outcome.newTests, 2);
      assert.equal(outcome.history?.fetchedAt, NOW);
      assert.deepEqual(outcome.history?.warnings, ['w1']);
      assert.deepEqual(outcome.history?.rider, rider('e'));
      // the stored tests come through as stored (same objects' contents)
      assert.deepEqual(outcome.history?.tests.slice(2), before.tests);
    });

    it('appends from the known test on, even when it is not the newest stored one', () => {
      const before = stored(['d', 'c', 'b', 'a'], 'cycle');
      const outcome = mergeWalk(before, walk([test('x', 'c')], 'known', 'c'), NOW);
      // x → c: the stored d is no longer on the chain, c and older stay
      assert.deepEqual(ids(outcome.history), ['x', 'c', 'b', 'a']);
      assert.equal(outcome.history?.endReason, 'cycle');
      assert.equal(outcome.newTests, 1);
    });

    it('with nothing new (known at the first link) keeps the stored tests, refreshing rider and fetchedAt', () => {
      const before = stored(['c', 'b', 'a'], 'limit');
      const outcome = mergeWalk(before, walk([], 'known', 'c'), NOW);
      assert.deepEqual(outcome.history?.tests, before.tests);
      assert.equal(outcome.history?.endReason, 'limit');
      assert.equal(outcome.history?.fetchedAt, NOW);
      assert.equal(outcome.replaced, true);
      assert.equal(outcome.newTests, 0);
    });

    it('follows the chain when its newest stored test is gone (known further down): the merge is whole, not a shrinking walk', () => {
      // The rider deleted ride d: /api/me now names c, which is stored, so the walk stops at once. The history
      // behind c is the stored one, complete; d is no longer on the chain and must not stay on screen forever.
      const before = stored(['d', 'c', 'b', 'a'], 'end');
      const outcome = mergeWalk(before, walk([], 'known', 'c'), NOW);
      assert.deepEqual(ids(outcome.history), ['c', 'b', 'a']);
      assert.equal(outcome.replaced, true);
      assert.equal(outcome.history?.fetchedAt, NOW);
      assert.equal(outcome.history?.endReason, 'end');
    });

    it('never reports endReason known: without a stored history it becomes end', () => {
      const outcome = mergeWalk(null, walk(chain(['b']), 'known', 'a'), NOW);
      assert.equal(outcome.history?.endReason, 'end');
      assert.deepEqual(ids(outcome.history), ['b']);
    });
  });

  describe('an aborted walk', () => {
    it('keeps the stored history exactly, dropping the partial tests', () => {
      const before = stored(['c', 'b', 'a']);
      const outcome = mergeWalk(before, walk(chain(['e', 'd']), 'aborted'), NOW);
      assert.equal(outcome.history, before);
      assert.equal(outcome.replaced, false);
      assert.equal(outcome.newTests, 0);
    });

    it('with nothing stored gives null, never a partial history', () => {
      assert.deepEqual(mergeWalk(null, walk(chain(['b', 'a']), 'aborted'), NOW), { history: null, replaced: false, newTests: 0 });
    });
  });

  describe('a walk that did not reach the end', () => {
    for (const reason of ['limit', 'missing', 'cycle'] as const) {
      it(`keeps the stored tests when a ${reason} walk found fewer, with the walk's warnings`, () => {
        const before = stored(['e', 'd', 'c', 'b', 'a']);
        const outcome = mergeWalk(before, walk(chain(['e', 'd']), reason, 'c', [`stopped: ${reason}`]), NOW);
        assert.equal(outcome.replaced, false);
        assert.equal(outcome.newTests, 0);
        assert.deepEqual(outcome.history?.tests, before.tests);
        assert.equal(outcome.history?.endReason, 'end');
        assert.equal(outcome.history?.fetchedAt, EARLIER);
        assert.deepEqual(outcome.history?.warnings, [`stopped: ${reason}`]);
      });
    }

    it('replaces the stored history when it found at least as many tests, keeping its own endReason', () => {
      const before = stored(['c', 'b']);
      const outcome = mergeWalk(before, walk(chain(['e', 'd', 'c']), 'limit', 'b'), NOW);
      assert.equal(outcome.replaced, true);
      assert.deepEqual(ids(outcome.history), ['e', 'd', 'c']);
      assert.equal(outcome.history?.endReason, 'limit');
      assert.equal(outcome.newTests, 2);
    });

    it('with nothing stored, takes whatever the walk found', () => {
      const outcome = mergeWalk(null, walk(chain(['b']), 'missing', 'a', ['gone']), NOW);
      assert.deepEqual(outcome, {
        history: { rider: rider('b'), tests: chain(['b']), warnings: ['gone'], endReason: 'missing', fetchedAt: NOW, listed: null },
        replaced: true,
        newTests: 1,
      });
    });
  });

  describe('a walk that reached the end cleanly', () => {
    it('replaces the stored history even when it is shorter (the chain changed)', () => {
      const before = stored(['e', 'd', 'c', 'b', 'a']);
      const outcome = mergeWalk(before, walk(chain(['f']), 'end'), NOW);
      assert.equal(outcome.replaced, true);
      assert.deepEqual(ids(outcome.history), ['f']);
      assert.equal(outcome.history?.endReason, 'end');
      assert.equal(outcome.history?.fetchedAt, NOW);
      assert.equal(outcome.newTests, 1);
    });

    it('replaces with no tests at all when the rider has no FTP test any more', () => {
      const outcome = mergeWalk(stored(['b', 'a']), walk([], 'end', null, ['none']), NOW);
      assert.equal(outcome.replaced, true);
      assert.deepEqual(outcome.history?.tests, []);
      assert.equal(outcome.newTests, 0);
    });
  });

  describe('newTests', () => {
    it('counts the walk tests the store did not have, by workout id', () => {
      const before = stored(['c', 'b', 'a']);
      assert.equal(mergeWalk(before, walk(chain(['c', 'b', 'a']), 'end'), NOW).newTests, 0);
      assert.equal(mergeWalk(before, walk(chain(['d', 'c', 'b', 'a']), 'end'), NOW).newTests, 1);
      assert.equal(mergeWalk(before, walk(chain(['z', 'y']), 'end'), NOW).newTests, 2);
      assert.equal(mergeWalk(null, walk(chain(['c', 'b', 'a']), 'end'), NOW).newTests, 3);
    });
  });

  it('does not modify its inputs', () => {
    const before = stored(['c', 'b', 'a']);
    const result = walk(chain(['e', 'd']), 'known', 'c');
    const snapshot = structuredClone({ before, result });
    mergeWalk(before, result, NOW);
    assert.deepEqual({ before, result }, snapshot);
  });
});
