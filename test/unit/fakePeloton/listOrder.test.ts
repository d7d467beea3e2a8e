/**
 * The workouts list's order, as the fake serves it over HTTP: by `created_at` ('-created_at,-pk', the recordings of
 * 2019–2022) or by the rider's local clock ('-device_time_created_at,-pk', a 2024 recording), and the time-zone jump
 * that makes a newer workout follow an older one. Also the page's `summary`, `next` and `aggregate_stats`.
 */
import assert from 'node:assert/strict';
import { deviceTimeOf, isFtpTestClass } from '../../fakePeloton/dataset';
import { getDataset } from '../../fakePeloton/datasets';
import { startFakePeloton, type FakePeloton } from '../../fakePeloton/server';
import { type Json, getJson } from './requests';

type Page = Json & { data: Json[]; sort_by: string; total: number; show_next: boolean };

describe('the workouts list order (fake Peloton)', () => {
  let fake: FakePeloton;
  afterEach(() => fake?.close());
  const page = (n: number, limit = 100): Promise<Page> => getJson<Page>(fake, `/api/user/${fake.rider.userId}/workouts?joins=ride&limit=${limit}&page=${n}&sort_by=-created`);

  it('time-zone-jump+1: sorted by the local clock, the new FTP test (22 h newer) is listed after the Auckland ride', async () => {
    fake = await startFakePeloton({ rider: getDataset('time-zone-jump+1') });
    const { data, sort_by } = await page(0);
    assert.equal(sort_by, '-device_time_created_at,-pk');
    const [ride, test] = data;
    assert.deepEqual([ride.timezone, (ride.ride as Json).title], ['Pacific/Auckland', '30 min Power Zone Endurance Ride']);
    assert.deepEqual([test.timezone, (test.ride as Json).title], ['Pacific/Honolulu', '20 min FTP Test Ride']);
    assert.equal((test.created_at as number) - (ride.created_at as number), 22 * 3600, 'the test is newer');
    assert.equal((ride.device_time_created_at as number) - (test.device_time_created_at as number), 3600, 'but an hour earlier on the local clock');
    const device = data.map((w) => w.device_time_created_at as number);
    assert.deepEqual(device, [...device].sort((a, b) => b - a));
    const me = await getJson(fake, '/api/me');
    assert.equal(me.cycling_ftp_workout_id, test.id);
    assert.equal(me.last_workout_at, test.created_at);
  });

  it('time-zone-jump is the same rider before that test: the Auckland ride is the newest, nothing else moves', async () => {
    const before = getDataset('time-zone-jump');
    const after = getDataset('time-zone-jump+1');
    const added = after.workouts.filter((w) => !before.workouts.some((b) => b.id === w.id));
    assert.deepEqual(added.map((w) => w.title).sort(), ['10 min FTP Warmup Ride', '20 min FTP Test Ride']);
    for (const w of before.workouts) assert.deepEqual(w, after.workouts.find((a) => a.id === w.id));
    fake = await startFakePeloton({ rider: before });
    const { data } = await page(0);
    assert.equal(data[0].timezone, 'Pacific/Auckland');
    assert.equal(data[0].created_at, Math.max(...before.workouts.map((w) => w.createdAt)));
    assert.notEqual((await getJson(fake, '/api/me')).cycling_ftp_workout_id, added.find(isFtpTestClass)!.id);
  });

  it('the server\'s listOrder overrides the rider\'s: by created_at the new test comes first again', async () => {
    fake = await startFakePeloton({ rider: getDataset('time-zone-jump+1'), listOrder: 'created_at' });
    const { data, sort_by } = await page(0);
    assert.equal(sort_by, '-created_at,-pk');
    assert.equal((data[0].ride as Json).title, '20 min FTP Test Ride');
    const created = data.map((w) => w.created_at as number);
    assert.deepEqual(created, [...created].sort((a, b) => b - a));
  });

  it('any rider can be listed by the local clock: every page in device-time order, each workout once', async () => {
    fake = await startFakePeloton({ rider: getDataset('many-4-250'), listOrder: 'device_time_created_at' });
    const items: Json[] = [];
    for (let n = 0; n < 3; n++) items.push(...(await page(n)).data);
    assert.equal(new Set(items.map((w) => w.id)).size, 250);
    const device = items.map((w) => w.device_time_created_at as number);
    assert.deepEqual(device, [...device].sort((a, b) => b - a));
    const w = fake.rider.workouts[0];
    assert.equal(items.find((i) => i.id === w.id)!.device_time_created_at, deviceTimeOf(w));
    assert.equal(deviceTimeOf(w), w.createdAt - 6 * 3600, 'home is America/Chicago in winter');
  });

  it('a page carries summary (workouts per local month), aggregate_stats, and next (its last item) while show_next', async () => {
    fake = await startFakePeloton({ rider: getDataset('many-4-250') });
    const first = await page(0, 100);
    const summary = first.summary as Record<string, number>;
    assert.equal(Object.values(summary).reduce((a, b) => a + b, 0), first.total);
    assert.ok(Object.keys(summary).every((k) => /^\d{4}-\d{2}$/.test(k)));
    assert.deepEqual(first.aggregate_stats, []);
    const last = first.data[first.data.length - 1];
    assert.deepEqual(first.next, { created_at: last.created_at, workout_id: last.id });
    const end = await page(2, 100);
    assert.equal(end.show_next, false);
    assert.equal('next' in end, false);
  });
});
