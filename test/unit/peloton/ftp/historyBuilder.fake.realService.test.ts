/*
 * refreshHistory through the real client against the fake Peloton on 127.0.0.1 made like the real service (issue 16
 * §2–3): tests in German and Spanish (datasets multilingual, demo-multilingual), a list sorted by the rider's local
 * clock across a time-zone jump, a test deleted at run time, and a test abandoned IN_PROGRESS. Request counts are the
 * fake's own records.
 */
import assert from 'node:assert/strict';
import { baselineKind } from '../../../../src/peloton/ftp/rules';
import { refreshHistory } from '../../../../src/peloton/ftp/historyBuilder';
import type { FtpHistory } from '../../../../src/peloton/ftp/model';
import { localDate, nowSeconds } from '../../../../src/shared/dates';
import { isFtpTestClass } from '../../../fakePeloton/dataset';
import { rideIdOf } from '../../../fakePeloton/builder';
import { abandoned, getDataset } from '../../../fakePeloton/datasets';
import type { FakePeloton, FakePelotonOptions } from '../../../fakePeloton/server';
import { useFakePelotonApi } from '../../support/fakeApiHooks';

/** Per test: date, result, baseline (W), its kind, applied mark. */
const rows = (h: FtpHistory | null) => (h?.tests ?? []).map((t) => [localDate(t.takenAt), t.calculatedFtp, t.baselineFtp, baselineKind(t.baselineSource, t.rawBaseline), t.applied]);
const routes = (fake: FakePeloton) => fake.requests.map((r) => r.route).sort();

describe('refreshHistory against the fake Peloton made like the real service', () => {
  const hooks = useFakePelotonApi();
  let fake: FakePeloton;
  const start = async (dataset: string, options: Partial<FakePelotonOptions> = {}) => {
    fake = await hooks.start({ rider: getDataset(dataset), ...options });
    return hooks.apiFor(fake);
  };

  describe('FTP tests in any wording', () => {
    it('demo-multilingual: the 8 tests and rows of the demo, 2 of them found through GET /api/ride/{id}/details; each class asked once', async () => {
      const api = await start('demo');
      const english = (await refreshHistory(api, null)).history;
      await fake.close();
      const multi = await start('demo-multilingual');
      const { history, warnings } = await refreshHistory(multi, null);
      assert.deepEqual(rows(history), rows(english));
      assert.equal(history!.tests.length, 8);
      assert.deepEqual(
        history!.tests.map((t) => t.rideTitle).filter((title) => !/FTP Test Ride/.test(title ?? '')),
        ['Prueba FTP de 20 min', '20 Min. FTP-Test'],
      );
      assert.deepEqual(warnings, []);
      const asked = fake.rideDetailsCounts();
      assert.deepEqual([...asked.values()], [...asked.values()].map(() => 1), 'no class asked twice');
      const undecided = new Set(fake.rider.workouts.filter((w) => /FTP/.test(w.title) && !/FTP Test Ride|FTP Warm ?Up/i.test(w.title)).map((w) => w.rideId ?? ''));
      assert.equal(asked.size, 5, 'the German and Spanish tests, their warm-ups, and the FTP Builder class (ridden twice)');
      assert.ok(undecided.size <= asked.size);
      assert.equal(Object.values(history!.ftpClasses ?? {}).filter(Boolean).length, 2);

      fake.resetCounts();
      const again = await refreshHistory(multi, history);
      assert.deepEqual(fake.requests.map((r) => r.path), ['/api/me'], 'a refresh with nothing new: 1 request');
      assert.deepEqual(again.history!.tests, history!.tests);
    });

    it('multilingual: 4 tests in three languages; a class lookup that fails (404) warns, and the next refresh asks that class again and keeps all 4', async () => {
      const api = await start('multilingual');
      // The rider typed in an FTP by hand since: /api/me names no test, so only the list (and the lookups) find them.
      fake.setRider({ ...fake.rider, cyclingFtpSource: 'ftp_manual_source', cyclingFtpWorkoutId: null });
      const spanish = fake.rider.workouts.find((w) => w.title === 'Prueba FTP de 20 min')!;
      fake.fault({ match: `/api/ride/${rideIdOf(spanish)}/details`, status: 404, times: 1 });
      const first = await refreshHistory(api, null);
      const all = [
        ['2025-03-12', 185],
        ['2024-03-13', 179],
        ['2023-03-08', 171],
        ['2022-03-09', 163],
      ];
      assert.deepEqual(rows(first.history).map((r) => r.slice(0, 2)), all.filter(([date]) => date !== '2024-03-13'), 'not known yet');
      assert.deepEqual(first.warnings, [{ kind: 'class-unchecked', workoutId: spanish.id, title: 'Prueba FTP de 20 min' }]);
      assert.deepEqual(first.history!.listed?.uncheckedIds, [spanish.id]);
      const counts = new Map(fake.rideDetailsCounts());
      assert.ok([...counts.values()].every((n) => n === 1), 'each class once');
      assert.equal(counts.size, 7, 'three foreign test classes, their three warm-ups, the FTP Builder class');

      fake.resetCounts();
      const second = await refreshHistory(api, first.history);
      assert.deepEqual(second.warnings, []);
      assert.deepEqual(rows(second.history).map((r) => r.slice(0, 2)), all);
      assert.equal(second.newTests, 1);
      assert.deepEqual(routes(fake), ['me', 'performance_graph', 'ride_details', 'workout', 'workout_list'], 'only the class that was not answered, then its test');
      assert.equal(fake.rideDetailsCount(rideIdOf(spanish)), 2);
      assert.equal(second.history!.listed?.uncheckedIds, undefined);
      fake.resetCounts();
      await refreshHistory(api, second.history);
      assert.deepEqual(fake.requests.map((r) => r.path), ['/api/me']);
    });
  });

  describe('a list sorted by the rider\'s local clock', () => {
    it('time-zone-jump → +1: the Honolulu test listed after the older Auckland ride is found by the list (4 requests)', async () => {
      const api = await start('time-zone-jump');
      const first = await refreshHistory(api, null);
      assert.equal(first.history!.tests.length, 3);
      // The rider typed an FTP in by hand since: /api/me names no test, so only the list can find the new one.
      fake.setRider({ ...getDataset('time-zone-jump+1'), cyclingFtpSource: 'ftp_manual_source', cyclingFtpWorkoutId: null });
      fake.resetCounts();
      const second = await refreshHistory(api, first.history);
      assert.deepEqual(routes(fake), ['me', 'performance_graph', 'workout', 'workout_list']);
      assert.equal(second.newTests, 1);
      assert.deepEqual(rows(second.history)[0]!.slice(0, 2), ['2025-12-11', 203]);
      const listed = fake.requests.find((r) => r.route === 'workout_list')!;
      assert.ok(listed.status === 200);
      fake.resetCounts();
      await refreshHistory(api, second.history);
      assert.deepEqual(fake.requests.map((r) => r.path), ['/api/me']);
    });

    it('many-10-500 sorted by device time on the server\'s flag: the same history, and 1 request, then 4 for one new test', async () => {
      const api = await start('many-10-500', { listOrder: 'device_time_created_at' });
      const first = await refreshHistory(api, null);
      assert.equal(first.history!.tests.length, 10);
      fake.resetCounts();
      await refreshHistory(api, first.history);
      assert.equal(fake.count(), 1);
      fake.setRider(getDataset('many-10-500+1'));
      fake.resetCounts();
      const next = await refreshHistory(api, first.history);
      assert.deepEqual(routes(fake), ['me', 'performance_graph', 'workout', 'workout_list']);
      assert.equal(next.history!.tests.length, 11);
    });
  });

  describe('a test deleted on Peloton', () => {
    it('leaves the history at the next refresh: the whole list read again (pages only), no test fetched; then 1 request', async () => {
      const api = await start('many-10-500');
      const first = await refreshHistory(api, null);
      const tests = fake.rider.workouts.filter(isFtpTestClass).sort((a, b) => b.createdAt - a.createdAt);
      const deleted = tests[4]!;
      assert.equal(fake.deleteWorkout(deleted.id), true);
      fake.resetCounts();
      const second = await refreshHistory(api, first.history);
      assert.deepEqual([...new Set(routes(fake))], ['me', 'workout_list'], 'pages only');
      assert.equal(fake.countRoute('workout_list'), 1 + 5, 'a small incremental page, then the 5 pages of the whole list');
      assert.equal(second.removedTests, 1);
      assert.deepEqual(
        second.history!.tests.map((t) => t.workoutId),
        first.history!.tests.map((t) => t.workoutId).filter((id) => id !== deleted.id),
      );
      fake.resetCounts();
      await refreshHistory(api, second.history);
      assert.equal(fake.count(), 1);
    });
  });

  describe('a test left IN_PROGRESS', () => {
    it('abandoned (started 5 h ago): not shown, never fetched, not looked at again: the next refresh is 1 request', async () => {
      const api = await start('abandoned');
      const first = await refreshHistory(api, null);
      const quit = fake.rider.workouts.find((w) => w.status === 'IN_PROGRESS')!;
      assert.equal(first.history!.tests.length, 3);
      assert.deepEqual(first.history!.listed?.pendingTestIds, []);
      assert.equal(fake.count(`/api/workout/${quit.id}`), 0);
      fake.resetCounts();
      await refreshHistory(api, first.history);
      assert.deepEqual(fake.requests.map((r) => r.path), ['/api/me']);
    });

    it('started 2 h ago: pending, looked at again; 2 hours later (over 3 h) abandoned, then 1 request', async () => {
      fake = await hooks.start({ rider: abandoned({ startedHoursAgo: 2 }) });
      const api = hooks.apiFor(fake);
      const first = await refreshHistory(api, null);
      assert.equal(first.history!.listed?.pendingTestIds.length, 1);
      fake.resetCounts();
      const later = nowSeconds() + 2 * 3600;
      const second = await refreshHistory(api, first.history, { now: later });
      assert.deepEqual(routes(fake), ['me', 'workout_list']);
      assert.deepEqual(second.history!.listed?.pendingTestIds, []);
      assert.equal(second.history!.tests.length, 3);
      fake.resetCounts();
      await refreshHistory(api, second.history, { now: later + 600 });
      assert.equal(fake.count(), 1);
    });
  });
});
