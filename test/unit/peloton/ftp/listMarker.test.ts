import assert from 'node:assert/strict';
import type { ListedWorkout } from '../../../../src/peloton/api/schemas';
import { incrementalPageLimit, listUnchanged, markerAfter, newestCreatedAt, workoutsDeleted } from '../../../../src/peloton/ftp/listMarker';
import type { ListMarker } from '../../../../src/peloton/ftp/model';
import type { WorkoutListing } from '../../../../src/peloton/ftp/workoutList';

const T = 1_760_000_000;
const HOUR = 3600;

const marker = (patch: Partial<ListMarker> = {}): ListMarker => ({
  throughWorkoutId: 'm',
  throughCreatedAt: T,
  totalWorkouts: 100,
  lastWorkoutAt: T,
  pendingTestIds: [],
  newestCreatedAt: T,
  ...patch,
});
const workout = (id: string, createdAt: number, status: 'COMPLETE' | 'IN_PROGRESS' = 'COMPLETE'): ListedWorkout => ({ id, created_at: createdAt, status });
const listing = (workouts: ListedWorkout[], patch: Partial<WorkoutListing> = {}): WorkoutListing => ({ workouts, reachedStop: true, pages: 1, complete: false, ...patch });

describe('the list marker', () => {
  describe('listUnchanged: whether to read the list at all', () => {
    const counters = { totalWorkouts: 100, lastWorkoutAt: T };
    it('the same counters, nothing in progress, nothing to ask again: no listing', () => {
      assert.equal(listUnchanged(marker(), counters), true);
    });
    it('a test in progress, a class to ask again, other counters, none, or no marker: list', () => {
      assert.equal(listUnchanged(marker({ pendingTestIds: ['p'] }), counters), false);
      assert.equal(listUnchanged(marker({ uncheckedIds: ['u'] }), counters), false);
      assert.equal(listUnchanged(marker(), { ...counters, totalWorkouts: 99 }), false, 'a deletion');
      assert.equal(listUnchanged(marker(), { ...counters, lastWorkoutAt: T + 1 }), false);
      assert.equal(listUnchanged(marker(), { totalWorkouts: null, lastWorkoutAt: T }), false);
      assert.equal(listUnchanged(null, counters), false);
    });
  });

  describe('workoutsDeleted: fewer counted than before plus the new ones listed', () => {
    it('new finished workouts that /api/me counts: nothing deleted', () => {
      const listed = listing([workout('n2', T + 2 * HOUR), workout('n1', T + HOUR), workout('m', T), workout('o', T - HOUR)]);
      assert.equal(workoutsDeleted(marker(), 102, listed), false);
      assert.equal(workoutsDeleted(marker(), 101, listed), true, 'two new, one more counted: one deleted');
      assert.equal(workoutsDeleted(marker(), 99, listing([workout('m', T)])), true, 'nothing new, one fewer');
    });

    it('a workout listed again around the marker is not new (created before the newest listed then)', () => {
      // Listed by local time: a workout created 20 h after the marker's but listed below it was listed last time too.
      const listed = listing([workout('m', T - 20 * HOUR), workout('later-by-utc', T), workout('o', T - 30 * HOUR)]);
      assert.equal(workoutsDeleted(marker({ throughCreatedAt: T - 20 * HOUR, newestCreatedAt: T }), 100, listed), false);
    });

    it('a workout being ridden now is not counted yet; a test that was being ridden and is finished now is', () => {
      const riding = listing([workout('r', T + HOUR, 'IN_PROGRESS'), workout('m', T)]);
      assert.equal(workoutsDeleted(marker(), 100, riding), false);
      const finished = listing([workout('p', T - HOUR), workout('m', T - 2 * HOUR)]);
      const previous = marker({ throughWorkoutId: 'm', throughCreatedAt: T - 2 * HOUR, pendingTestIds: ['p'], newestCreatedAt: T - HOUR });
      assert.equal(workoutsDeleted(previous, 101, finished), false, 'p now counted');
      assert.equal(workoutsDeleted(previous, 100, finished), true, 'p now counted, yet no more than before');
    });

    it('a marker stored before newestCreatedAt counts from its own created_at; without counters nothing is known', () => {
      const listed = listing([workout('n1', T + HOUR), workout('m', T)]);
      assert.equal(workoutsDeleted(marker({ newestCreatedAt: undefined }), 101, listed), false);
      assert.equal(workoutsDeleted(marker({ newestCreatedAt: undefined }), 100, listed), true);
      assert.equal(workoutsDeleted(marker({ totalWorkouts: null }), 0, listed), false);
      assert.equal(workoutsDeleted(marker(), null, listed), false);
      assert.equal(workoutsDeleted(null, 0, listed), false);
    });
  });

  describe('newestCreatedAt', () => {
    it('the newest of this listing and the last, or of this listing alone when it is the whole list', () => {
      const listed = [workout('a', T - HOUR), workout('b', T + 5 * HOUR), workout('c', T + HOUR)];
      assert.equal(newestCreatedAt(listing(listed), marker({ newestCreatedAt: T + 9 * HOUR })), T + 9 * HOUR);
      assert.equal(newestCreatedAt(listing(listed), marker()), T + 5 * HOUR);
      assert.equal(newestCreatedAt(listing(listed, { complete: true }), marker({ newestCreatedAt: T + 9 * HOUR })), T + 5 * HOUR, 'the newest was deleted');
      assert.equal(newestCreatedAt(listing([]), marker({ newestCreatedAt: undefined })), T);
      assert.equal(newestCreatedAt(listing([]), null), null);
    });
  });

  describe('markerAfter', () => {
    it('the first listed workout below every held one; the old marker when nothing was listed above the stop', () => {
      const listed = listing([workout('a', T + 3 * HOUR), workout('held', T + 2 * HOUR), workout('b', T + HOUR), workout('c', T)]);
      assert.deepEqual(markerAfter(listed, marker(), new Set()), { throughWorkoutId: 'a', throughCreatedAt: T + 3 * HOUR });
      assert.deepEqual(markerAfter(listed, marker(), new Set(['held'])), { throughWorkoutId: 'b', throughCreatedAt: T + HOUR });
      assert.deepEqual(markerAfter(listing([]), marker(), new Set()), { throughWorkoutId: 'm', throughCreatedAt: T });
      assert.deepEqual(markerAfter(listing([workout('held', T)], { reachedStop: false }), null, new Set(['held'])), { throughWorkoutId: null, throughCreatedAt: null });
    });
  });

  describe('incrementalPageLimit', () => {
    it('the new workouts, those to look at again and a margin of 10, at most 100; full pages without a marker', () => {
      assert.equal(incrementalPageLimit(marker(), 103), 13);
      assert.equal(incrementalPageLimit(marker({ pendingTestIds: ['p'], uncheckedIds: ['u1', 'u2'] }), 100), 13);
      assert.equal(incrementalPageLimit(marker(), 99), 10, 'fewer than before (deleted): the margin');
      assert.equal(incrementalPageLimit(marker(), 400), 100);
      assert.equal(incrementalPageLimit(null, 100), 100);
      assert.equal(incrementalPageLimit(marker({ throughWorkoutId: null }), 100), 100);
    });
  });
});
