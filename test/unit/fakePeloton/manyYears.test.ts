/**
 * A rider of many years (issue 16): `many-120-3000`, 120 chained FTP tests among 3,000 workouts, served over HTTP
 * on 127.0.0.1 as 30 list pages of 100, the same from build to build. (Build time and the server's memory are
 * measured outside the tests: see the branch's report.)
 */
import assert from 'node:assert/strict';
import { findWorkout, isFtpTestClass } from '../../fakePeloton/dataset';
import { getDataset } from '../../fakePeloton/datasets';
import { startFakePeloton, type FakePeloton } from '../../fakePeloton/server';
import { type Json, getJson } from './requests';

describe('a rider of many years: many-120-3000 (fake Peloton)', () => {
  let fake: FakePeloton;
  after(() => fake?.close());

  it('builds the same rider every time: 3,000 workouts, 120 FTP tests chained from /api/me', () => {
    const rider = getDataset('many-120-3000');
    assert.deepEqual(getDataset('many-120-3000'), rider);
    assert.equal(rider.workouts.length, 3000);
    assert.equal(new Set(rider.workouts.map((w) => w.id)).size, 3000);
    const tests = rider.workouts.filter(isFtpTestClass);
    assert.equal(tests.length, 120);
    const chain: string[] = [];
    for (let id = rider.cyclingFtpWorkoutId; id !== null && !chain.includes(id); id = findWorkout(rider, id)?.ftpInfo.workoutId ?? null) chain.push(id);
    assert.equal(chain.length, 120);
    assert.deepEqual(new Set(chain), new Set(tests.map((t) => t.id)));
  });

  it('lists them on 30 pages of 100, each workout once, with 120 test classes; /api/me counts 3,000', async () => {
    fake = await startFakePeloton({ rider: getDataset('many-120-3000') });
    const items: Json[] = [];
    let pages = 0;
    for (let page = 0; ; page++) {
      const p = await getJson<{ data: Json[]; page_count: number; show_next: boolean }>(fake, `/api/user/${fake.rider.userId}/workouts?joins=ride&limit=100&page=${page}&sort_by=-created`);
      assert.equal(p.page_count, 30);
      items.push(...p.data);
      pages++;
      if (!p.show_next) break;
    }
    assert.equal(pages, 30);
    assert.equal(new Set(items.map((w) => w.id)).size, 3000);
    assert.equal(items.filter((w) => (w.ride as Json).title === '20 min FTP Test Ride').length, 120);
    assert.equal((await getJson(fake, '/api/me')).total_workouts, 3000);
  });
});
