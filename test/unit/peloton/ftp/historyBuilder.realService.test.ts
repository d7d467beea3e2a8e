/*
 * refreshHistory where the real Peloton differs from our first picture of it (issue 16 §2–3), on the in-memory rider
 * (fakeRider.ts): FTP tests whose titles the rule cannot decide (German, Spanish, an "FTP Builder" class), a list
 * sorted by the rider's local clock across a time-zone jump, tests deleted on Peloton, and a test left IN_PROGRESS.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { PelotonAuthError } from '../../../../src/peloton/api/errors';
import { MAX_REQUESTS_IN_FLIGHT, refreshHistory, type RefreshHistoryResult } from '../../../../src/peloton/ftp/historyBuilder';
import type { FtpHistory } from '../../../../src/peloton/ftp/model';
import { FakeRider, USER_ID, chainRider, ftpTest, otherWorkout, type FakeMe, type FakeWorkout } from '../../support/fakeRider';

const NOW = 1_770_000_000;
const HOUR = 3600;
const DAY = 24 * HOUR;
const NO_CHAIN: FakeMe = { cycling_ftp: 0, cycling_ftp_source: null, cycling_ftp_workout_id: null };

const ids = (h: FtpHistory | null) => (h?.tests ?? []).map((t) => t.workoutId);
/** Requests other than list pages, sorted. */
const nonPages = (rider: FakeRider) => rider.requests.filter((r) => !r.startsWith('page')).sort();

async function refresh(rider: FakeRider, stored: FtpHistory | null, now = NOW): Promise<RefreshHistoryResult> {
  rider.requests.length = 0;
  rider.pageLimits.length = 0;
  const result = await refreshHistory(rider, stored, { expectedUserId: USER_ID, now });
  assert.equal(result.replaced, true);
  return result;
}

/** A workout of a class titled `title` (class id `rideId`): an FTP test (`avg` given, baseline from `setBy`) or a ride. */
function classWorkout(id: string, createdAt: number, title: string, rideId: string, avg?: number, setBy: string | null = null): FakeWorkout {
  const base = avg === undefined ? otherWorkout(id, createdAt, 2) : ftpTest(id, createdAt, avg, setBy);
  return { ...base, title, rideId };
}

describe('refreshHistory against the real service\'s ways', () => {
  describe('FTP tests in any wording (GET /api/ride/{id}/details)', () => {
    /**
     * A rider whose first test is English and whose later three are German and Spanish (two German classes), with a
     * German warm-up before each German test, and an "FTP Builder" class (no test) ridden twice.
     */
    function multilingualRider(): FakeRider {
      const t = (days: number) => 1_700_000_000 + days * DAY;
      const workouts: FakeWorkout[] = [
        classWorkout('de2', t(90), '20 Min. FTP-Test', 'r-de-2', 210, 'es'),
        classWorkout('de2-warm', t(90) - 900, '10 Min. FTP-Aufwärmfahrt', 'r-de-warm'),
        classWorkout('builder-2', t(80), '30 min FTP Builder Ride', 'r-builder'),
        classWorkout('es', t(60), 'Prueba FTP de 20 min', 'r-es', 200, 'de1'),
        classWorkout('builder-1', t(50), '30 min FTP Builder Ride', 'r-builder'),
        classWorkout('de1', t(30), '20 Min. FTP-Test', 'r-de-1', 190, 'en'),
        classWorkout('de1-warm', t(30) - 900, '10 Min. FTP-Aufwärmfahrt', 'r-de-warm'),
        otherWorkout('o1', t(10), 2),
        ftpTest('en', t(0), 180, null),
        otherWorkout('o0', t(0) - 900, 0),
      ];
      const rider = new FakeRider(workouts, NO_CHAIN);
      for (const [rideId, isTest] of Object.entries({ 'r-de-1': true, 'r-de-2': true, 'r-es': true, 'r-builder': false, 'r-de-warm': false })) {
        rider.classes.set(rideId, isTest);
      }
      return rider;
    }

    it('finds all 4 tests, asks each undecided class once, never asks about the English test or the warm-ups by the rule', async () => {
      const rider = multilingualRider();
      const { history, warnings } = await refresh(rider, null);
      assert.deepEqual(ids(history), ['de2', 'es', 'de1', 'en']);
      assert.deepEqual(history!.tests.map((t) => t.calculatedFtp), [200, 190, 181, 171]);
      assert.deepEqual(history!.tests.map((t) => t.applied), [null, 'applied', 'applied', 'applied']);
      assert.deepEqual(
        rider.requests.filter((r) => r.startsWith('ride')).sort(),
        ['ride r-builder', 'ride r-de-1', 'ride r-de-2', 'ride r-de-warm', 'ride r-es'],
        'one request per class, though two workouts took r-builder and two r-de-warm',
      );
      assert.ok(!rider.requests.some((r) => /^(workout|graph) (builder|o|de\d-warm)/.test(r)), 'no figures of a class that is no test');
      assert.deepEqual(history!.ftpClasses, { 'r-de-1': true, 'r-de-2': true, 'r-es': true, 'r-builder': false, 'r-de-warm': false });
      assert.deepEqual(warnings, []);
    });

    it('across refreshes no class is asked about twice: a known class taken again costs no lookup', async () => {
      const rider = multilingualRider();
      const first = (await refresh(rider, null)).history;
      const newest = rider.workouts[0]!.createdAt;
      rider.workouts.unshift(
        classWorkout('de3', newest + 2 * DAY, '20 Min. FTP-Test', 'r-de-1', 220, 'de2'),
        classWorkout('builder-3', newest + DAY, '30 min FTP Builder Ride', 'r-builder'),
      );
      const second = await refresh(rider, first);
      assert.deepEqual(rider.requests.sort(), ['graph de3', 'me', 'page 0', 'workout de3']);
      assert.deepEqual(ids(second.history), ['de3', ...ids(first)]);
      const third = await refresh(rider, second.history);
      assert.deepEqual(rider.requests, ['me']);
      assert.deepEqual(third.history!.ftpClasses, first!.ftpClasses);
    });

    it('a lookup that fails: a warning, the test not shown yet; the next refresh asks again (though /api/me shows nothing new) and finds it', async () => {
      const rider = multilingualRider();
      rider.failures.set('ride r-es', 1);
      const first = await refresh(rider, null);
      assert.deepEqual(ids(first.history), ['de2', 'de1', 'en']);
      assert.deepEqual(first.warnings, [{ kind: 'class-unchecked', workoutId: 'es', title: 'Prueba FTP de 20 min' }]);
      assert.deepEqual(first.history!.warnings, first.warnings);
      assert.deepEqual(first.history!.listed?.uncheckedIds, ['es']);
      assert.equal(first.history!.listed?.throughWorkoutId, 'builder-1', 'the marker stays below the unanswered class');
      assert.equal('r-es' in first.history!.ftpClasses!, false, 'a failure is no answer');

      const second = await refresh(rider, first.history);
      assert.deepEqual(nonPages(rider), ['graph es', 'me', 'ride r-es', 'workout es']);
      assert.deepEqual(ids(second.history), ['de2', 'es', 'de1', 'en']);
      assert.deepEqual(second.warnings, []);
      assert.equal(second.history!.listed?.uncheckedIds, undefined);
      assert.equal(second.history!.listed?.throughWorkoutId, 'de2');

      await refresh(rider, second.history);
      assert.deepEqual(rider.requests, ['me']);
    });

    it('a class Peloton calls a test, ridden right now: pending like any test in progress', async () => {
      const rider = multilingualRider();
      rider.workouts.unshift({ ...classWorkout('de-riding', NOW - 600, '20 Min. FTP-Test', 'r-de-3', 100, 'de2'), status: 'IN_PROGRESS' });
      rider.classes.set('r-de-3', true);
      const { history } = await refresh(rider, null);
      assert.deepEqual(history!.listed?.pendingTestIds, ['de-riding']);
      assert.equal(rider.count('workout de-riding'), 0);
      assert.equal(ids(history)[0], 'de2');
    });

    it('a refused session (401) on a class lookup fails the refresh: the stored history stays', async () => {
      const rider = multilingualRider();
      rider.getRideDetails = () => Promise.reject(new PelotonAuthError('GET /api/ride/r/details', 3020, 'Not logged in'));
      await assert.rejects(refreshHistory(rider, null, { expectedUserId: USER_ID, now: NOW }), PelotonAuthError);
    });

    it(`class lookups share the bound: never more than ${MAX_REQUESTS_IN_FLIGHT} requests in flight`, async () => {
      const workouts = Array.from({ length: 40 }, (_, i) => classWorkout(`c${i}`, NOW - (i + 1) * DAY, `FTP Class ${i}`, `r${i}`, 150 + i));
      const rider = new FakeRider(workouts, NO_CHAIN);
      workouts.forEach((w, i) => rider.classes.set(w.rideId!, i % 2 === 0));
      rider.delayMs = 3;
      const { history } = await refresh(rider, null);
      assert.equal(history!.tests.length, 20);
      assert.equal(rider.count('ride'), 40);
      assert.ok(rider.maxInFlight <= MAX_REQUESTS_IN_FLIGHT, String(rider.maxInFlight));
    });
  });

  describe('a list sorted by the rider\'s local clock', () => {
    /** Offsets of the rider's clock from UTC, hours. */
    const AUCKLAND = 13;
    const HONOLULU = -10;
    const CHICAGO = -6;

    /**
     * Three tests at home (Chicago), then two rides in Auckland (half an hour apart), then (22 h after the second by UTC, but
     * an hour earlier by the local clocks) an FTP test in Honolulu with its warm-up: listed by device time, the new
     * test comes after both rides, the older of which was created before the last refresh's marker.
     */
    function trip(withNewTest: boolean): FakeRider {
      const rideAt = NOW - 5 * DAY;
      const home = chainRider(3, 12).workouts.map((w) => ({ ...w, createdAt: w.createdAt - 2000 * DAY }));
      const local = (w: FakeWorkout, offset: number) => ({ w, device: w.createdAt + offset * HOUR });
      const all = [
        ...home.map((w) => local(w, CHICAGO)),
        local(otherWorkout('auckland-earlier', rideAt - 1800, 3), AUCKLAND),
        local(otherWorkout('auckland', rideAt, 2), AUCKLAND),
        ...(withNewTest
          ? [local(ftpTest('honolulu', rideAt + 22 * HOUR, 214, 't2'), HONOLULU), local(otherWorkout('honolulu-warm', rideAt + 22 * HOUR - 900, 0), HONOLULU)]
          : []),
      ];
      const workouts = all.sort((a, b) => b.device - a.device).map((x) => x.w);
      // /api/me names no test (the FTP was typed in by hand after the trip): only the list can find the new one.
      return new FakeRider(workouts, { cycling_ftp: 200, cycling_ftp_source: 'ftp_manual_source', cycling_ftp_workout_id: null });
    }

    it('a newer test listed after an older ride (a time-zone jump) is found by the next refresh: 4 requests, nothing read twice', async () => {
      const before = trip(false);
      const first = await refresh(before, null);
      assert.equal(first.history!.listed?.throughWorkoutId, 'auckland');
      const after = trip(true);
      assert.deepEqual(after.workouts.slice(0, 4).map((w) => w.id), ['auckland', 'auckland-earlier', 'honolulu', 'honolulu-warm'], 'listed by the local clock');
      const second = await refresh(after, first.history);
      assert.deepEqual(after.requests.sort(), ['graph honolulu', 'me', 'page 0', 'workout honolulu']);
      assert.deepEqual(ids(second.history), ['honolulu', 't2', 't1', 't0']);
      assert.equal(second.newTests, 1);
      assert.equal(second.removedTests, 0);
      const cold = await refresh(trip(true), null);
      assert.deepEqual(second.history!.tests, cold.history!.tests);
      await refresh(after, second.history);
      assert.deepEqual(after.requests, ['me']);
    });

    it('property: with any clocks from UTC−12 to UTC+14, an incremental refresh finds what a cold one finds, reads no list twice and fetches only new tests', async () => {
      // Gaps mostly shorter than the widest gap between two clocks (26 h), so the local order often differs from UTC's.
      const gapMinutes = fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 1, max: 26 * 60 }) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 5 * 24 * 60 }) });
      const workoutArb = fc.record({ gapMinutes, offset: fc.constantFrom(-12, -10, -6, 0, 1, 9, 13, 14), test: fc.boolean() });
      await fc.assert(
        fc.asyncProperty(fc.array(workoutArb, { minLength: 1, maxLength: 80 }), fc.nat(), async (plan, cut) => {
          // Oldest first by UTC, then listed newest first by the local clock.
          let at = NOW - 400 * DAY;
          let last: string | null = null;
          const made = plan.map(({ gapMinutes, offset, test }, i) => {
            at += gapMinutes * 60;
            const w = test ? ftpTest(`t${i}`, at, 150 + i, last) : otherWorkout(`o${i}`, at, i);
            if (test) last = w.id;
            return { w, device: at + offset * HOUR };
          });
          const listed = (upTo: number) => made.slice(0, upTo).sort((a, b) => b.device - a.device || (a.w.id < b.w.id ? 1 : -1)).map((x) => x.w);
          const split = 1 + (cut % made.length);
          const rider = new FakeRider(listed(split), NO_CHAIN);
          const first = await refresh(rider, null);
          rider.workouts = listed(made.length);
          const second = await refresh(rider, first.history);
          const cold = await refresh(new FakeRider(listed(made.length), NO_CHAIN), null);
          assert.deepEqual(ids(second.history), ids(cold.history));
          const fresh = ids(second.history).filter((id) => !ids(first.history).includes(id));
          assert.deepEqual(nonPages(rider), ['me', ...fresh.flatMap((id) => [`graph ${id}`, `workout ${id}`])].sort());
          assert.ok(rider.pageLimits.every((limit) => limit === rider.pageLimits[0]), `one listing, no second one for a deletion: ${rider.pageLimits.join(', ')}`);
          assert.equal(second.removedTests, 0);
        }),
        { numRuns: Number(process.env.PROPERTY_RUNS ?? 60) },
      );
    });
  });

  describe('a test deleted on Peloton', () => {
    it('leaves the history: /api/me counts one fewer, the whole list is read again (pages only) and the stored test dropped', async () => {
      const rider = chainRider(10, 300);
      const first = (await refresh(rider, null)).history;
      rider.workouts = rider.workouts.filter((w) => w.id !== 't5');
      const second = await refresh(rider, first);
      assert.deepEqual(nonPages(rider), ['me'], 'no stored test fetched again');
      assert.deepEqual(rider.pageLimits, [10, 100, 100, 100], 'a small incremental page, then the whole list');
      assert.deepEqual(ids(second.history), ids(first).filter((id) => id !== 't5'));
      assert.equal(second.removedTests, 1);
      assert.equal(second.newTests, 0);
      assert.equal(second.history!.tests.find((t) => t.workoutId === 't6')!.previousTestId, 't5', 'its successor still names it');
      await refresh(rider, second.history);
      assert.deepEqual(rider.requests, ['me'], 'then 1 request again');
    });

    it('deleted and a new test taken meanwhile (the same count): the new test is fetched, the deleted one dropped', async () => {
      const rider = chainRider(10, 300);
      const first = (await refresh(rider, null)).history;
      rider.workouts = [ftpTest('t10', rider.workouts[0]!.createdAt + DAY, 230, 't9'), ...rider.workouts.filter((w) => w.id !== 't3')];
      rider.me = { ...rider.me, cycling_ftp_workout_id: 't10' };
      const second = await refresh(rider, first);
      assert.deepEqual(nonPages(rider), ['graph t10', 'me', 'workout t10']);
      assert.deepEqual(ids(second.history), ['t10', ...ids(first).filter((id) => id !== 't3')]);
      assert.deepEqual([second.newTests, second.removedTests], [1, 1]);
    });

    it('a deleted workout that is no test: the list is read again, every test kept', async () => {
      const rider = chainRider(4, 60);
      const first = (await refresh(rider, null)).history;
      rider.workouts = rider.workouts.filter((w) => w.id !== 'o30');
      const second = await refresh(rider, first);
      assert.deepEqual(second.history!.tests, first!.tests);
      assert.equal(second.removedTests, 0);
    });

    it('a list that comes back short is not taken as deletions: the stored tests stay', async () => {
      const rider = chainRider(10, 300);
      const first = (await refresh(rider, null)).history;
      rider.workouts = rider.workouts.filter((w) => w.id !== 't5');
      const whole = rider.pageBody.bind(rider);
      rider.pageBody = (page, limit) => (page === 2 ? { ...whole(page, limit), data: [] } : whole(page, limit)); // the oldest page lost
      const second = await refresh(rider, first);
      assert.deepEqual(ids(second.history), ids(first));
      assert.equal(second.removedTests, 0);
    });
  });

  describe('a test left IN_PROGRESS', () => {
    const riding = (rider: FakeRider, startedAt: number) => {
      rider.workouts.unshift({ ...ftpTest('left', startedAt, 95, 't2'), status: 'IN_PROGRESS' });
    };

    it('is pending for 3 hours; then abandoned: not shown, never fetched, and a refresh with nothing new is 1 request again', async () => {
      const rider = chainRider(3, 30);
      const stored = (await refresh(rider, null)).history;
      riding(rider, NOW - 2 * HOUR);
      const pending = await refresh(rider, stored);
      assert.deepEqual(pending.history!.listed?.pendingTestIds, ['left']);
      const later = await refresh(rider, pending.history, NOW + 2 * HOUR);
      assert.deepEqual(rider.requests, ['me', 'page 0'], 'looked at once more');
      assert.deepEqual(later.history!.listed?.pendingTestIds, []);
      assert.equal(later.history!.listed?.throughWorkoutId, 'left', 'the marker moves past it');
      assert.deepEqual(ids(later.history), ids(stored));
      await refresh(rider, later.history, NOW + 3 * HOUR);
      assert.deepEqual(rider.requests, ['me']);
      assert.equal(rider.count('workout left') + rider.count('graph left'), 0);
    });

    it('found abandoned by a first refresh: not pending, not fetched, and the next refresh is 1 request', async () => {
      const rider = chainRider(3, 30);
      riding(rider, NOW - 5 * HOUR);
      const first = await refresh(rider, null);
      assert.deepEqual(first.history!.listed?.pendingTestIds, []);
      assert.deepEqual(ids(first.history), ['t2', 't1', 't0']);
      await refresh(rider, first.history);
      assert.deepEqual(rider.requests, ['me']);
    });
  });
});
