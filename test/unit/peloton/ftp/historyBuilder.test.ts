import assert from 'node:assert/strict';
import { PelotonApiError, WrongAccountError } from '../../../../src/peloton/api/errors';
import { unbounded } from '../../../../src/peloton/api/pelotonApi';
import { baselineKind } from '../../../../src/peloton/ftp/rules';
import { MAX_REQUESTS_IN_FLIGHT, refreshHistory, type RefreshProgress } from '../../../../src/peloton/ftp/historyBuilder';
import type { FtpHistory } from '../../../../src/peloton/ftp/model';
import { WORKOUTS_PAGE_LIMIT, listWorkouts } from '../../../../src/peloton/ftp/workoutList';
import { FakeRider, TEST_TITLE, USER_ID, chainRider, ftpTest, otherWorkout, type FakeWorkout } from '../../support/fakeRider';

const NOW = 1_770_000_000;
const DAY = 86_400;

/** Refreshes and returns the new history (asserting it replaced). */
async function refresh(rider: FakeRider, stored: FtpHistory | null): Promise<FtpHistory> {
  const result = await refreshHistory(rider, stored, { expectedUserId: USER_ID, now: NOW });
  assert.equal(result.replaced, true);
  assert.equal(result.aborted, false);
  return result.history!;
}

const ids = (h: FtpHistory) => h.tests.map((t) => t.workoutId);
const marks = (h: FtpHistory) => Object.fromEntries(h.tests.map((t) => [t.workoutId, t.applied]));

/**
 * A rider whose /api/me names no test (manual FTP now, like the recorded weissleb rider): first test a, b set by a,
 * c declined (d's baseline set by b), d set by b, then a hand-entered FTP period (e's baseline manual 190),
 * e the newest; then the rider typed a manual FTP again (cycling_ftp 142 manual). Warm-ups and other classes between.
 */
function noChainRider(): FakeRider {
  const t = (days: number) => 1_700_000_000 + days * DAY;
  const workouts: FakeWorkout[] = [
    otherWorkout('o9', t(90), 2),
    ftpTest('e', t(80), 200, 'manual:190'),
    otherWorkout('o8', t(79), 0), // "10 min FTP Warm Up Ride" right before the test
    otherWorkout('o7', t(70), 3),
    ftpTest('d', t(60), 195, 'b', 180),
    otherWorkout('o6', t(59), 1), // "10 min FTP Warmup Ride"
    ftpTest('c', t(40), 170, 'b', 180),
    otherWorkout('o5', t(30), 5),
    ftpTest('b', t(20), 189, 'a', 171),
    otherWorkout('o4', t(10), 4),
    ftpTest('a', t(0), 180, null),
  ];
  return new FakeRider(workouts, { cycling_ftp: 142, cycling_ftp_source: 'ftp_manual_source', cycling_ftp_workout_id: null });
}

describe('refreshHistory', () => {
  describe('discovery from the workout list', () => {
    it('a rider whose /api/me names no test: every test from the list, warm-ups and other classes never fetched', async () => {
      const rider = noChainRider();
      const history = await refresh(rider, null);
      assert.deepEqual(ids(history), ['e', 'd', 'c', 'b', 'a']);
      const fetched = rider.requests.filter((r) => r.startsWith('workout') || r.startsWith('graph')).map((r) => r.split(' ')[1]);
      assert.deepEqual([...new Set(fetched)].sort(), ['a', 'b', 'c', 'd', 'e'], 'only the tests');
      assert.equal(rider.count('me'), 1);
      assert.equal(rider.requests.length, 1 + 1 + 5 * 2);
      assert.deepEqual(
        history.tests.map((t) => [t.workoutId, t.calculatedFtp, t.baselineFtp, baselineKind(t.baselineSource, t.rawBaseline), t.previousTestId]),
        [
          ['e', 190, 181, 'manual', null],
          ['d', 185, 180, 'test', 'b'],
          ['c', 162, 180, 'test', 'b'],
          ['b', 180, 171, 'test', 'a'],
          ['a', 171, null, 'none', null],
        ],
      );
      assert.equal(history.rider.currentFtpWorkoutId, null);
      assert.deepEqual(history.warnings, [], 'no "names no FTP test" warning: the list found them');
    });

    it('applied / not applied / no mark, by the next test and by /api/me', async () => {
      const history = await refresh(noChainRider(), null);
      // a: b's baseline names it; b: d's baseline names it; c: d's baseline was set by the OLDER b (declined);
      // d: a manual FTP came next (e's baseline); e: the newest, /api/me names no test.
      assert.deepEqual(marks(history), { e: null, d: null, c: 'not-applied', b: 'applied', a: 'applied' });
    });

    it('the newest test is applied when /api/me names it, not applied when /api/me names an older test', async () => {
      const rider = noChainRider();
      rider.me = { cycling_ftp: 190, cycling_ftp_source: 'ftp_workout_source', cycling_ftp_workout_id: 'e' };
      assert.equal((await refresh(rider, null)).tests[0]!.applied, 'applied');
      const declined = noChainRider();
      declined.me = { cycling_ftp: 185, cycling_ftp_source: 'ftp_workout_source', cycling_ftp_workout_id: 'd' };
      const history = await refresh(declined, null);
      assert.deepEqual(marks(history), { e: 'not-applied', d: 'applied', c: 'not-applied', b: 'applied', a: 'applied' });
      assert.equal(declined.count('workout d'), 1, 'the chain walker reads the list\'s fetch of d: never twice');
    });

    it('pages: 250 workouts are 3 pages of at most 100; duplicates across pages are listed once', async () => {
      const rider = chainRider(7, 250);
      rider.duplicates.set(2, [rider.workouts[199]!, rider.workouts[150]!]); // the last page repeats two of page 1
      const history = await refresh(rider, null);
      assert.deepEqual(ids(history), ['t6', 't5', 't4', 't3', 't2', 't1', 't0']);
      assert.deepEqual(rider.requests.filter((r) => r.startsWith('page')).sort(), ['page 0', 'page 1', 'page 2']);
      for (const id of ids(history)) {
        assert.equal(rider.count(`workout ${id}`), 1, `workout ${id} once`);
        assert.equal(rider.count(`graph ${id}`), 1, `graph ${id} once`);
      }
      assert.equal(rider.requests.length, 1 + 3 + 7 * 2);
      assert.deepEqual(marks(history), { t6: 'applied', t5: 'applied', t4: 'applied', t3: 'applied', t2: 'applied', t1: 'applied', t0: 'applied' });
    });

    it('listWorkouts: each workout once, newest first, down to (not including) the stop; a capped page size read from page_count', async () => {
      const rider = chainRider(4, 95);
      rider.pageCap = 20; // the server gives fewer than asked: page_count, not the limit, says how many pages
      rider.duplicates.set(1, [rider.workouts[3]!, rider.workouts[39]!]);
      rider.duplicates.set(4, [rider.workouts[94]!]);
      const all = await listWorkouts(rider, USER_ID, { stopAt: null, slot: unbounded });
      assert.deepEqual(all.workouts.map((w) => w.id), rider.workouts.map((w) => w.id));
      assert.equal(all.pages, 5);
      assert.equal(all.reachedStop, false);
      const upTo = await listWorkouts(rider, USER_ID, { stopAt: { workoutId: rider.workouts[45]!.id, createdAt: null }, slot: unbounded });
      assert.deepEqual(upTo.workouts.map((w) => w.id), rider.workouts.slice(0, 45).map((w) => w.id));
      assert.equal(upTo.pages, 3);
      assert.equal(upTo.reachedStop, true);
      assert.equal(WORKOUTS_PAGE_LIMIT, 100);
    });

    it('a chain longer than maxChainLength: the list finds the older tests, so no "stopped after" warning', async () => {
      const rider = chainRider(12, 60);
      const result = await refreshHistory(rider, null, { maxChainLength: 5 });
      assert.equal(result.history!.tests.length, 12);
      assert.deepEqual(result.warnings, []);
      assert.equal(result.history!.endReason, 'end');
      assert.equal(rider.requests.length, 1 + 1 + 12 * 2);
    });

    it('a chain cut by maxChainLength that the list cannot finish keeps the limit warning; a test walked and listed warns once', async () => {
      const rider = chainRider(8, 40);
      for (const id of ['t0', 't1', 't2', 't3', 't4']) rider.workouts.find((w) => w.id === id)!.title = 'Special FTP Challenge';
      rider.classes.set('ride-Special FTP Challenge', false); // Peloton does not file the class as a test either
      rider.workouts.find((w) => w.id === 't6')!.avg = undefined;
      const result = await refreshHistory(rider, null, { maxChainLength: 3 });
      assert.deepEqual(ids(result.history!), ['t7', 't6', 't5']);
      assert.deepEqual(result.warnings, [
        { kind: 'chain-limit', maxTests: 3 },
        { kind: 'no-graph', workoutId: 't6' },
      ]);
      assert.deepEqual(result.history!.warnings, result.warnings);
      assert.equal(result.history!.endReason, 'limit');
    });

    it(`never more than ${MAX_REQUESTS_IN_FLIGHT} requests in flight, and it uses them all`, async () => {
      const rider = chainRider(30, 900);
      rider.delayMs = 5;
      const history = await refresh(rider, null);
      assert.equal(history.tests.length, 30);
      assert.equal(rider.maxInFlight, MAX_REQUESTS_IN_FLIGHT);
    });

    it('a test whose graph is 404 or has no average output keeps its row without a result, with a warning', async () => {
      const rider = noChainRider();
      rider.workouts.find((w) => w.id === 'c')!.avg = undefined;
      rider.workouts.find((w) => w.id === 'b')!.avg = null;
      const history = await refresh(rider, null);
      assert.deepEqual(ids(history), ['e', 'd', 'c', 'b', 'a']);
      assert.equal(history.tests[2]!.calculatedFtp, null);
      assert.equal(history.tests[3]!.calculatedFtp, null);
      assert.deepEqual(
        history.warnings.sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y))),
        [
          { kind: 'no-avg-output', workoutId: 'b' },
          { kind: 'no-graph', workoutId: 'c' },
        ],
      );
    });

    it('a listed test whose workout answers 404 is left out with a warning', async () => {
      const rider = noChainRider();
      const gone = rider.workouts.find((w) => w.id === 'c')!;
      const real = rider.getWorkout.bind(rider);
      rider.getWorkout = (id, signal, slot) => (id === 'c' ? Promise.reject(new PelotonApiError('GET /api/workout/c', 404, 404, 'Workout not found')) : real(id, signal, slot));
      const history = await refresh(rider, null);
      assert.deepEqual(ids(history), ['e', 'd', 'b', 'a']);
      assert.deepEqual(history.warnings, [{ kind: 'listed-test-missing', workoutId: 'c' }]);
      assert.ok(gone);
    });

    it('the chain finds a test the list cannot (a class title the rule does not know), and it is fetched once', async () => {
      const rider = chainRider(4, 20);
      rider.workouts.find((w) => w.id === 't1')!.title = 'Special FTP Challenge';
      rider.classes.set('ride-Special FTP Challenge', false);
      const history = await refresh(rider, null);
      assert.deepEqual(ids(history), ['t3', 't2', 't1', 't0']);
      assert.equal(rider.count('workout t2'), 1);
      assert.equal(rider.count('workout t1'), 1);
      assert.equal(history.endReason, 'end');
    });
  });

  describe('incremental and frugal', () => {
    it('no new workout (total_workouts unchanged): exactly 1 request, the same tests', async () => {
      const rider = chainRider(10, 500);
      const first = await refresh(rider, null);
      rider.requests.length = 0;
      const result = await refreshHistory(rider, first, { expectedUserId: USER_ID, now: NOW + 60 });
      assert.deepEqual(rider.requests, ['me']);
      assert.deepEqual(result.history!.tests, first.tests);
      assert.equal(result.newTests, 0);
      assert.equal(result.history!.fetchedAt, NOW + 60);
    });

    it('with the sign-in\'s /api/me given: no request at all', async () => {
      const rider = chainRider(3, 40);
      const first = await refresh(rider, null);
      const me = await rider.getMe();
      rider.requests.length = 0;
      const result = await refreshHistory(rider, first, { expectedUserId: USER_ID, me });
      assert.deepEqual(rider.requests, []);
      assert.deepEqual(result.history!.tests, first.tests);
    });

    for (const applied of [true, false]) {
      it(`one new test (${applied ? 'applied' : 'declined'}) and one new other workout: exactly 4 requests (/api/me, page 0, its workout and graph)`, async () => {
        const rider = chainRider(10, 500);
        const first = await refresh(rider, null);
        const last = rider.workouts[0]!.createdAt;
        rider.workouts.unshift(otherWorkout('new-other', last + 2 * DAY, 0), ftpTest('t10', last + DAY, 230, 't9'));
        if (applied) rider.me = { ...rider.me, cycling_ftp_workout_id: 't10' };
        rider.requests.length = 0;
        rider.pageLimits.length = 0;
        const result = await refreshHistory(rider, first, { expectedUserId: USER_ID, now: NOW });
        assert.deepEqual(rider.requests.sort(), ['graph t10', 'me', 'page 0', 'workout t10']);
        assert.deepEqual(rider.pageLimits, [2 + 10], 'page 0 asks for the 2 new workouts and a margin of 10, not 100');
        assert.equal(result.newTests, 1);
        assert.deepEqual(ids(result.history!), ['t10', ...ids(first)]);
        assert.equal(result.history!.tests[0]!.applied, applied ? 'applied' : 'not-applied');
        assert.equal(result.history!.listed?.throughWorkoutId, 'new-other');
      });
    }

    it('more new workouts than /api/me counts (old ones deleted): small pages down to the marker, then the whole list (pages only), the same history as a cold refresh', async () => {
      const rider = chainRider(10, 500);
      const first = await refresh(rider, null);
      const newest = rider.workouts[0]!.createdAt;
      rider.workouts.splice(-20, 20); // 20 of the oldest workouts deleted (none of them a test)
      const added = Array.from({ length: 24 }, (_, i) => otherWorkout(`new-${i}`, newest + (i + 2) * 3600, i % 3)).reverse();
      rider.workouts.unshift(...added, ftpTest('t10', newest + 3600, 230, 't9'));
      rider.requests.length = 0;
      rider.pageLimits.length = 0;
      const result = await refreshHistory(rider, first, { expectedUserId: USER_ID, now: NOW });
      // /api/me counts 5 more workouts (25 new, 20 deleted): pages of 15 down to the marker (26th in the list) and a day
      // below it; 25 listed but 5 counted: some were deleted, so the whole list again, in full pages (505 workouts).
      assert.deepEqual(rider.pageLimits, [15, 15, 100, 100, 100, 100, 100, 100]);
      assert.deepEqual(
        rider.requests.filter((r) => !r.startsWith('page')).sort(),
        ['graph t10', 'me', 'workout t10'],
        'no stored test fetched again',
      );
      const cold = await refresh(new FakeRider(rider.workouts, rider.me), null);
      assert.deepEqual(result.history!.tests, cold.tests);
      assert.equal(result.history!.listed?.throughWorkoutId, rider.workouts[0]!.id);
    });

    it('the newest listed workout (a test) deleted since: the listing stops a day below where it was, then reads the whole list and drops the test', async () => {
      const rider = chainRider(10, 500);
      const first = await refresh(rider, null);
      const marker = rider.workouts.shift()!; // the rider deleted it
      assert.equal(first.listed?.throughWorkoutId, marker.id);
      assert.equal(marker.id, 't9');
      rider.workouts.unshift(ftpTest('t10', marker.createdAt + DAY, 230, 't9'));
      rider.requests.length = 0;
      rider.pageLimits.length = 0;
      const result = await refreshHistory(rider, first, { expectedUserId: USER_ID, now: NOW });
      // /api/me counts as many workouts as before, with t10 new: one was deleted.
      assert.deepEqual(rider.pageLimits, [10, 100, 100, 100, 100, 100]);
      assert.deepEqual(rider.requests.filter((r) => !r.startsWith('page')).sort(), ['graph t10', 'me', 'workout t10']);
      assert.deepEqual(ids(result.history!), ['t10', ...ids(first).filter((id) => id !== 't9')]);
      assert.equal(result.removedTests, 1);
      assert.equal(result.history!.listed?.throughWorkoutId, 't10');
    });

    it('a test still IN_PROGRESS is neither listed nor stored, and the next refresh looks at it again', async () => {
      const rider = chainRider(3, 30);
      const first = await refresh(rider, null);
      const last = rider.workouts[0]!;
      const riding: FakeWorkout = { ...ftpTest('t3', NOW - 600, 120, 't2'), status: 'IN_PROGRESS' }; // started 10 minutes ago
      rider.workouts.unshift(riding);
      const second = await refresh(rider, first);
      assert.deepEqual(ids(second), ids(first), 'not stored');
      assert.equal(rider.count('workout t3'), 0, 'not fetched');
      assert.deepEqual(second.listed?.pendingTestIds, ['t3']);
      assert.equal(second.listed?.throughWorkoutId, last.id, 'the marker stays below the test being ridden');
      // Same counters, but a test was in progress: list again (2 requests), still nothing stored.
      rider.requests.length = 0;
      const third = await refresh(rider, second);
      assert.deepEqual(rider.requests, ['me', 'page 0']);
      assert.deepEqual(ids(third), ids(first));
      // Finished: 4 requests, stored.
      riding.status = 'COMPLETE';
      riding.avg = 240;
      rider.requests.length = 0;
      const fourth = await refresh(rider, third);
      assert.deepEqual(rider.requests.sort(), ['graph t3', 'me', 'page 0', 'workout t3']);
      assert.equal(fourth.tests[0]!.workoutId, 't3');
      assert.equal(fourth.tests[0]!.calculatedFtp, 228);
      assert.deepEqual(fourth.listed?.pendingTestIds, []);
      assert.equal(fourth.listed?.throughWorkoutId, 't3');
    });

    it('a schema-1 history (no list marker) lists once, keeps its tests, and fetches only the tests it lacked', async () => {
      const rider = noChainRider();
      const full = await refresh(rider, null);
      const schema1: FtpHistory = { ...full, tests: full.tests.filter((t) => t.workoutId !== 'c'), listed: null };
      rider.requests.length = 0;
      const result = await refreshHistory(rider, schema1, { expectedUserId: USER_ID, now: NOW });
      assert.deepEqual(rider.requests.sort(), ['graph c', 'me', 'page 0', 'workout c']);
      assert.deepEqual(ids(result.history!), ['e', 'd', 'c', 'b', 'a']);
      assert.equal(result.newTests, 1);
      assert.ok(result.history!.listed);
    });
  });

  describe('failures keep the stored history', () => {
    it('a list page that fails: the error names the page, and no test of a later page is kept', async () => {
      const rider = chainRider(10, 500);
      rider.failures.set('page 2', Infinity);
      await assert.rejects(refreshHistory(rider, null, { expectedUserId: USER_ID }), (error: unknown) => {
        assert.ok(error instanceof PelotonApiError);
        assert.match(error.message, /page 2/);
        return true;
      });
    });

    it('another account: WrongAccountError; only page 0 of the session\'s own list went out beside /api/me', async () => {
      const rider = chainRider(2, 10);
      const stored = await refresh(chainRider(2, 10), null);
      await assert.rejects(refreshHistory(rider, null, { expectedUserId: 'someone-else' }), WrongAccountError);
      assert.deepEqual(rider.requests.sort(), ['me', 'page 0']);
      rider.requests.length = 0;
      // with a listed history stored, /api/me goes first alone (its counters decide whether to list)
      await assert.rejects(refreshHistory(rider, { ...stored, rider: { ...stored.rider, userId: 'someone-else' } }, { expectedUserId: 'someone-else' }), WrongAccountError);
      assert.deepEqual(rider.requests, ['me']);
    });

    it('a cold refresh with the session\'s user id asks for page 0 beside /api/me (one round trip less), else after it', async () => {
      const rider = chainRider(3, 50);
      await refreshHistory(rider, null, { expectedUserId: USER_ID });
      assert.deepEqual(rider.requests.slice(0, 2), ['page 0', 'me'], 'both sent before either answered');
      rider.requests.length = 0;
      await refreshHistory(rider, null);
      assert.equal(rider.requests[0], 'me');
      assert.ok(rider.requests.indexOf('page 0') > 0);
    });

    it('aborted mid-way: the stored history as it was, aborted: true', async () => {
      const rider = chainRider(20, 600);
      const stored = await refresh(chainRider(2, 10), null);
      rider.delayMs = 20;
      const abort = new AbortController();
      setTimeout(() => abort.abort(), 50);
      const result = await refreshHistory(rider, stored, { signal: abort.signal });
      assert.deepEqual(result, { history: stored, replaced: false, newTests: 0, removedTests: 0, aborted: true, warnings: [] });
    });

    it('aborted before it starts, with nothing stored: history null, no request', async () => {
      const rider = chainRider(2, 10);
      const result = await refreshHistory(rider, null, { signal: AbortSignal.abort() });
      assert.equal(result.history, null);
      assert.equal(result.aborted, true);
      assert.deepEqual(rider.requests, []);
    });
  });

  it('progress: account, list, tests; found and fetched grow to the number of new tests', async () => {
    const rider = chainRider(12, 300);
    const seen: RefreshProgress[] = [];
    await refreshHistory(rider, null, { onProgress: (p) => seen.push(p) });
    assert.equal(seen[0]!.phase, 'account');
    assert.ok(seen.some((p) => p.phase === 'list'));
    const lastSeen = seen.at(-1)!;
    assert.deepEqual(lastSeen, { phase: 'tests', found: 12, fetched: 12 });
    for (let i = 1; i < seen.length; i++) {
      assert.ok(seen[i]!.found >= seen[i - 1]!.found && seen[i]!.fetched >= seen[i - 1]!.fetched, 'never goes back');
      assert.ok(seen[i]!.fetched <= seen[i]!.found);
    }
  });

  it('the FTP test title rule is what the list uses: a warm-up titled with "FTP" is never fetched', async () => {
    const rider = chainRider(2, 8);
    assert.ok(rider.workouts.some((w) => w.title?.includes('Warm')));
    assert.ok(rider.workouts.every((w) => w.title !== TEST_TITLE || w.id.startsWith('t')));
    await refresh(rider, null);
    assert.ok(rider.requests.every((r) => !/^(workout|graph) o/.test(r)));
  });
});
