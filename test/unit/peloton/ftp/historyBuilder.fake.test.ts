/*
 * refreshHistory through the real client against the project's fake Peloton API on 127.0.0.1 (test/fakePeloton),
 * with its named datasets: riders whose /api/me names no test, the demo rider, many workouts, a test in progress,
 * page overlap, and request counts of incremental refreshes.
 */
import assert from 'node:assert/strict';
import { PelotonApiError } from '../../../../src/peloton/api/errors';
import { baselineKind } from '../../../../src/peloton/ftp/rules';
import { refreshHistory } from '../../../../src/peloton/ftp/historyBuilder';
import type { FtpHistory } from '../../../../src/peloton/ftp/model';
import { localDate } from '../../../../src/shared/dates';
import { finishWorkouts, getDataset } from '../../../fakePeloton/datasets';
import type { FakePeloton } from '../../../fakePeloton/server';
import { useFakePelotonApi } from '../../support/fakeApiHooks';

/** Per test: date, result, baseline (W), its kind, applied mark. */
const rows = (h: FtpHistory) => h.tests.map((t) => [localDate(t.takenAt), t.calculatedFtp, t.baselineFtp, baselineKind(t.baselineSource, t.rawBaseline), t.applied]);

describe('refreshHistory against the fake Peloton API on 127.0.0.1', () => {
  const hooks = useFakePelotonApi();
  let fake: FakePeloton | undefined;
  const start = async (dataset: string, options: { pageOverlap?: number } = {}) => {
    fake = await hooks.start({ rider: getDataset(dataset), ...options });
    return hooks.apiFor(fake);
  };

  it('no-chain (manual FTP now, like the recorded rider): every test from the list, "not applied" only on the declined one', async () => {
    const api = await start('no-chain');
    const result = await refreshHistory(api, null, { expectedUserId: fake!.rider.userId });
    assert.deepEqual(rows(result.history!), [
      ['2024-10-16', 167, 162, 'test', null],
      ['2024-04-10', 157, 162, 'test', 'not-applied'],
      ['2023-09-13', 162, 162, 'manual', 'applied'],
      ['2023-02-08', 152, null, 'none', null],
    ]);
    assert.equal(result.history!.rider.currentFtpWorkoutId, null);
    assert.equal(fake!.count('/api/me'), 1);
    assert.equal(fake!.count('/api/workout/'), 4 * 2, 'only the tests: no warm-up or other ride');
  });

  it('demo: a manual-FTP period, a declined test and a current FTP from Peloton\'s estimate', async () => {
    const api = await start('demo');
    const history = (await refreshHistory(api, null)).history!;
    assert.equal(history.tests.length, 8);
    const kinds = history.tests.map((t) => baselineKind(t.baselineSource, t.rawBaseline));
    assert.deepEqual(kinds, ['test', 'test', 'test', 'test', 'manual', 'test', 'test', 'none']);
    assert.deepEqual(
      history.tests.map((t) => t.applied),
      // 2026 newest (/api/me: an estimate); 2024 set 2026's baseline; 2023 declined; 2022-10 set 2024's; 2022-01
      // (manual baseline) set 2022-10's; 2021 was followed by the hand-entered FTP: no mark; 2020s applied.
      [null, 'applied', 'not-applied', 'applied', 'applied', null, 'applied', 'applied'],
    );
    assert.equal(localDate(history.tests.find((t) => t.applied === 'not-applied')!.takenAt), '2023-08-16');
    assert.equal(history.rider.currentFtpSource, 'ftp_estimated_source');
  });

  it('many-10-500 with page overlap: 10 tests, each fetched once, 5 pages, then 1 request, then 4 for one new test', async () => {
    const api = await start('many-10-500', { pageOverlap: 3 });
    const first = await refreshHistory(api, null);
    assert.equal(first.history!.tests.length, 10);
    assert.equal(new Set(first.history!.tests.map((t) => t.workoutId)).size, 10);
    assert.equal(fake!.countRoute('workout_list'), 5);
    assert.equal(fake!.count(), 1 + 5 + 10 * 2);

    fake!.resetCounts();
    const same = await refreshHistory(api, first.history);
    assert.equal(fake!.count(), 1);
    assert.deepEqual(same.history!.tests, first.history!.tests);

    fake!.setRider(getDataset('many-10-500+1'));
    fake!.resetCounts();
    const next = await refreshHistory(api, same.history);
    assert.deepEqual(
      fake!.requests.map((r) => r.route).sort(),
      ['me', 'performance_graph', 'workout', 'workout_list'].sort(),
    );
    assert.equal(next.newTests, 1);
    assert.equal(next.history!.tests.length, 11);
    assert.equal(next.history!.tests[0]!.applied, 'applied');
    assert.equal(next.history!.tests[1]!.applied, 'applied');
  });

  it('in-progress: the test being ridden is not stored; once finished, the next refresh stores it', async () => {
    const api = await start('in-progress');
    const first = await refreshHistory(api, null);
    assert.equal(first.history!.tests.length, 3);
    assert.equal(fake!.count('/api/workout/in-progress:test:riding'), 0);
    fake!.resetCounts();
    const again = await refreshHistory(api, first.history);
    assert.equal(again.history!.tests.length, 3);
    assert.equal(fake!.countRoute('workout_list'), 1, 'listed again although /api/me shows nothing new');
    fake!.setRider(finishWorkouts(fake!.rider));
    fake!.resetCounts();
    const done = await refreshHistory(api, again.history);
    assert.equal(done.history!.tests.length, 4);
    assert.equal(done.history!.tests[0]!.calculatedFtp, 203);
    assert.equal(fake!.count(), 4);
  });

  it('a list page that always answers 500: the error names page 2, after 3 tries', async () => {
    const api = await start('many-10-500');
    fake!.fault({ match: '/api/user/', query: { page: '2' }, status: 500, times: Infinity });
    await assert.rejects(refreshHistory(api, null), (error: unknown) => error instanceof PelotonApiError && /workouts page 2: HTTP 500/.test(error.message));
    assert.equal(fake!.requests.filter((r) => r.route === 'workout_list' && r.query.includes('page=2')).length, 3);
  });
});
