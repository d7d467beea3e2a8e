/**
 * Workouts that go away or never end, as the fake serves them: a workout the rider deletes (gone from the list, 404
 * on its own routes, one fewer in /api/me) and an FTP test abandoned IN_PROGRESS more than 3 hours ago (dataset
 * `abandoned`), besides the one being ridden right now (dataset `in-progress`).
 */
import assert from 'node:assert/strict';
import { isFtpTestClass } from '../../fakePeloton/dataset';
import { abandoned, getDataset } from '../../fakePeloton/datasets';
import { rideIdOf } from '../../fakePeloton/builder';
import { startFakePeloton, type FakePeloton } from '../../fakePeloton/server';
import { nowSeconds } from '../../../src/shared/dates';
import { type Json, get, getJson } from './requests';

type Page = { data: Json[]; total: number };

describe('deleted and abandoned workouts (fake Peloton)', () => {
  let fake: FakePeloton;
  afterEach(() => fake?.close());
  const list = async (): Promise<Page> => {
    const items: Json[] = [];
    let first: Page | undefined;
    for (let page = 0; ; page++) {
      const p = await getJson<Page & { show_next: boolean }>(fake, `/api/user/${fake.rider.userId}/workouts?joins=ride&limit=100&page=${page}`);
      first ??= p;
      items.push(...p.data);
      if (!p.show_next) break;
    }
    return { data: items, total: first.total };
  };

  it('deleteWorkout: the workout leaves the list, its routes answer 404, /api/me counts one fewer; its class still answers', async () => {
    fake = await startFakePeloton({ rider: getDataset('many-4-250') });
    const before = await list();
    const me = await getJson(fake, '/api/me');
    const test = fake.rider.workouts.filter(isFtpTestClass).sort((a, b) => b.createdAt - a.createdAt)[1];
    assert.equal((await get(fake, `/api/workout/${test.id}`)).status, 200, 'there before');
    assert.equal(fake.deleteWorkout(test.id), true);
    const after = await list();
    assert.equal(after.total, before.total - 1);
    assert.equal(after.data.length, before.data.length - 1);
    assert.equal(after.data.some((w) => w.id === test.id), false);
    for (const path of [`/api/workout/${test.id}`, `/api/workout/${test.id}/performance_graph?every_n=5`]) {
      const res = await get(fake, path);
      assert.equal(res.status, 404, path);
      assert.deepEqual(await res.json(), { status: 404, error_code: 4040, subcode: null, message: 'Workout not found', details: null });
    }
    const meAfter = await getJson(fake, '/api/me');
    assert.equal(meAfter.total_workouts, (me.total_workouts as number) - 1);
    assert.equal(meAfter.total_pedaling_metric_workouts, (me.total_pedaling_metric_workouts as number) - 1);
    assert.equal((await getJson(fake, `/api/ride/${rideIdOf(test)}/details`)).is_ftp_test, true);
    assert.equal(fake.secondSeries(test.id), undefined);
    assert.equal(fake.deleteWorkout(test.id), false, 'already gone');
    assert.equal(fake.deleteWorkout('0123456789abcdef0123456789abcdef'), false);
  });

  it('deleting a workout still IN_PROGRESS takes it off the list, and /api/me (which never counted it) stays', async () => {
    fake = await startFakePeloton({ rider: getDataset('in-progress') });
    const riding = fake.rider.workouts.find((w) => w.status === 'IN_PROGRESS')!;
    const me = await getJson(fake, '/api/me');
    const before = await list();
    fake.deleteWorkout(riding.id);
    assert.equal((await list()).total, before.total - 1);
    assert.equal((await getJson(fake, '/api/me')).total_workouts, me.total_workouts);
  });

  it('abandoned: an FTP test IN_PROGRESS since 5 to 6 hours ago, end_time null, shaped like the IN_PROGRESS recording; not counted', async () => {
    fake = await startFakePeloton({ rider: getDataset('abandoned') });
    const { data, total } = await list();
    const [newest] = data;
    assert.deepEqual([newest.status, newest.end_time, (newest.ride as Json).title], ['IN_PROGRESS', null, '20 min FTP Test Ride']);
    const age = nowSeconds() - (newest.created_at as number);
    assert.ok(age >= 5 * 3600 && age < 6 * 3600, `started ${age} s ago`);
    const workout = await getJson(fake, `/api/workout/${newest.id as string}`);
    assert.deepEqual(
      [workout.status, workout.end_time, workout.leaderboard_rank, workout.is_paused, workout.has_paused, workout.pause_time_remaining],
      ['IN_PROGRESS', null, null, false, false, null],
    );
    assert.equal((workout.ftp_info as Json).ftp_workout_id, fake.rider.cyclingFtpWorkoutId);
    const me = await getJson(fake, '/api/me');
    assert.equal(me.total_workouts, total - 1);
    assert.ok((me.last_workout_at as number) < (newest.created_at as number));
    const graph = await getJson<{ average_summaries: Json[] }>(fake, `/api/workout/${newest.id as string}/performance_graph?every_n=5`);
    assert.equal(graph.average_summaries.find((s) => s.slug === 'avg_output')?.value, 97, 'a partial average, not a result');
  });

  it('abandoned({ startedHoursAgo }) sets its age (a boundary on either side of 3 h); in-progress started 10 to 20 minutes ago', () => {
    const ageOf = (rider = abandoned()) => nowSeconds() - rider.workouts.find((w) => w.status === 'IN_PROGRESS')!.createdAt;
    const two = ageOf(abandoned({ startedHoursAgo: 2 }));
    assert.ok(two >= 2 * 3600 && two < 3 * 3600, String(two));
    const four = ageOf(abandoned({ startedHoursAgo: 4 }));
    assert.ok(four >= 4 * 3600 && four < 5 * 3600, String(four));
    const riding = ageOf(getDataset('in-progress'));
    assert.ok(riding >= 600 && riding < 1200, String(riding));
  });
});
