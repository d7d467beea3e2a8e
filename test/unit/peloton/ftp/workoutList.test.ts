import assert from 'node:assert/strict';
import { unbounded } from '../../../../src/peloton/api/pelotonApi';
import { LIST_ORDER_SLACK_SECONDS, listWorkouts } from '../../../../src/peloton/ftp/workoutList';
import { FakeRider, USER_ID, otherWorkout, type FakeWorkout } from '../../support/fakeRider';

const HOUR = 3600;
const T = 1_760_000_000;
const noChain = { cycling_ftp: 0, cycling_ftp_source: null, cycling_ftp_workout_id: null };

/** Workouts in the list's order (given), each created at `T + hours` (UTC). */
function listedAs(order: Array<[string, number]>): FakeWorkout[] {
  return order.map(([id, hours], i) => otherWorkout(id, T + hours * HOUR, i));
}

describe('listWorkouts', () => {
  it(`an incremental listing reads on past the marker until a workout created over ${LIST_ORDER_SLACK_SECONDS / HOUR} h before it`, async () => {
    // Sorted by the rider's local clock: after a flight west, a ride 22 h newer (UTC) is listed below the marker.
    const rider = new FakeRider(
      listedAs([
        ['marker', 0],
        ['newer-by-utc', 22],
        ['m-1', -2],
        ['m-25', -25],
        ['m-26', -26],
        ['m-27', -27],
        ['m-50', -50],
      ]),
      noChain,
    );
    rider.pageCap = 2;
    const listing = await listWorkouts(rider, USER_ID, { stopAt: { workoutId: 'marker', createdAt: T }, slot: unbounded });
    assert.deepEqual(listing.workouts.map((w) => w.id), ['marker', 'newer-by-utc', 'm-1', 'm-25', 'm-26']);
    assert.equal(listing.reachedStop, true);
    assert.equal(listing.pages, 3, 'never the page after the stop');
    assert.equal(listing.complete, false);
  });

  it('a marker stored without created_at stops at its id, as before', async () => {
    const rider = new FakeRider(listedAs([['new', 1], ['marker', 0], ['older', -1]]), noChain);
    const listing = await listWorkouts(rider, USER_ID, { stopAt: { workoutId: 'marker', createdAt: null }, slot: unbounded });
    assert.deepEqual(listing.workouts.map((w) => w.id), ['new']);
  });

  it('complete: only a listing with no stop that holds as many workouts as page 0 says', async () => {
    const rider = new FakeRider(listedAs(Array.from({ length: 25 }, (_, i): [string, number] => [`w${i}`, -i])), noChain);
    rider.pageCap = 10;
    rider.duplicates.set(1, [rider.workouts[3]!]);
    const full = await listWorkouts(rider, USER_ID, { stopAt: null, slot: unbounded });
    assert.equal(full.workouts.length, 25);
    assert.equal(full.complete, true);
    const incremental = await listWorkouts(rider, USER_ID, { stopAt: { workoutId: 'w24', createdAt: T - 99 * HOUR }, slot: unbounded });
    assert.equal(incremental.workouts.length, 25);
    assert.equal(incremental.complete, false, 'a listing with a stop never says what was deleted');
    // A page that comes back short (fewer than `total` workouts in all): not the whole list.
    const short = rider.pageBody.bind(rider);
    rider.pageBody = (page, limit) => (page === 2 ? { ...short(page, limit), data: [] } : short(page, limit));
    const holed = await listWorkouts(rider, USER_ID, { stopAt: null, slot: unbounded });
    assert.equal(holed.workouts.length, 20);
    assert.equal(holed.complete, false);
  });
});
