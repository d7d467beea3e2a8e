import assert from 'node:assert/strict';
import { PelotonAuthError } from '../../../../src/peloton/api/errors';
import { walkFtpChain } from '../../../../src/peloton/ftp/chain';
import { localDate } from '../../../../src/shared/dates';
import { getDataset } from '../../../fakePeloton/datasets';
import type { FakePeloton } from '../../../fakePeloton/server';
import { useFakePelotonApi } from '../../support/fakeApiHooks';

describe('walkFtpChain against the fake Peloton API on 127.0.0.1', () => {
  const { start, apiFor } = useFakePelotonApi();
  let fake: FakePeloton;

  it('seed example: 2026-01-14 (176 W, baseline 183 W) and 2019-12-04 (183 W, no baseline) in 5 requests', async () => {
    fake = await start({ rider: getDataset('seed-example') });
    const result = await walkFtpChain(apiFor(fake));
    assert.deepEqual(
      result.tests.map((t) => [localDate(t.takenAt), t.calculatedFtp, t.baselineFtp]),
      [
        ['2026-01-14', 176, 183],
        ['2019-12-04', 183, null],
      ],
    );
    assert.equal(result.stoppedBecause, 'end');
    assert.equal(fake.count(), 5);
    assert.equal(fake.count('/api/me'), 1);
  });

  it('chain-8: every test of the rider, newest first, each result round(avg × 0.95)', async () => {
    const rider = getDataset('chain-8');
    fake = await start({ rider });
    const result = await walkFtpChain(apiFor(fake));
    const byId = new Map(rider.workouts.map((w) => [w.id, w]));
    assert.ok(result.tests.length >= 6, `found ${result.tests.length}`);
    for (const test of result.tests) {
      const source = byId.get(test.workoutId)!;
      assert.equal(test.avgOutput, source.avgOutput);
      assert.equal(test.calculatedFtp, Math.round(source.avgOutput! * 0.95));
    }
    const times = result.tests.map((t) => t.takenAt);
    assert.deepEqual(times, [...times].sort((a, b) => b - a));
    assert.equal(fake.count(), 1 + 2 * result.tests.length);
  });

  it('stops at a cycle back to an earlier test', async () => {
    fake = await start({ rider: getDataset('cycle') });
    const result = await walkFtpChain(apiFor(fake));
    assert.equal(result.stoppedBecause, 'cycle');
    assert.equal(new Set(result.tests.map((t) => t.workoutId)).size, result.tests.length);
    assert.equal(result.tests.length, 3);
  });

  it('a missing performance graph gives a test without a result', async () => {
    fake = await start({ rider: getDataset('missing-graph') });
    const result = await walkFtpChain(apiFor(fake));
    const missing = result.tests.filter((t) => t.calculatedFtp === null);
    assert.equal(missing.length, 1);
    assert.deepEqual(missing[0]!.warnings, [{ kind: 'no-graph', workoutId: missing[0]!.workoutId }]);
    assert.equal(result.stoppedBecause, 'end');
  });

  it('stops at the limit', async () => {
    fake = await start({ rider: getDataset('long-chain') });
    const result = await walkFtpChain(apiFor(fake), { maxTests: 10 });
    assert.equal(result.tests.length, 10);
    assert.equal(result.stoppedBecause, 'limit');
    assert.equal(fake.count(), 21);
  });

  it('abort: returns the tests found so far, stopped because aborted', async () => {
    fake = await start({ rider: getDataset('long-chain'), latencyMs: 20 });
    const controller = new AbortController();
    const result = await walkFtpChain(apiFor(fake), {
      signal: controller.signal,
      onTest: (_t, index) => {
        if (index === 2) controller.abort();
      },
    });
    assert.equal(result.stoppedBecause, 'aborted');
    assert.equal(result.tests.length, 3);
  });

  it('401: fails with PelotonAuthError and never puts the token in the message', async () => {
    fake = await start({ rider: getDataset('seed-example') });
    const stale = `${fake.accessToken.slice(0, -4)}AAAA`;
    await assert.rejects(walkFtpChain(apiFor(fake, stale)), (error: unknown) => {
      assert.ok(error instanceof PelotonAuthError);
      assert.equal(error.errorCode, 3020);
      assert.ok(!error.message.includes(stale));
      return true;
    });
  });
});
