/*
 * Every test's pacing through the real client and refreshHistory against the fake Peloton API on 127.0.0.1, for every
 * named dataset, against figures computed here from the fake's exact 1-second series (FakePeloton.secondSeries): the
 * 5-second samples as Peloton makes them (each the mean of the seconds after the previous label up to its own,
 * rounded), then each quarter's mean and the half split, in plain loops, none of it from src/.
 */
import assert from 'node:assert/strict';
import { refreshHistory } from '../../../../src/peloton/ftp/historyBuilder';
import { pacingOf } from '../../../../src/peloton/ftp/pacing';
import { datasets, getDataset } from '../../../fakePeloton/datasets';
import type { FakePeloton } from '../../../fakePeloton/server';
import { useFakePelotonApi } from '../../support/fakeApiHooks';
import { expectedPacing } from '../../support/expectedPacing';

describe('pacing of every test of every fake dataset, against the fake\'s 1-second series', function () {
  this.timeout(120_000);
  const hooks = useFakePelotonApi();

  for (const name of Object.keys(datasets)) {
    it(`${name}: each test's quarters and half split`, async () => {
      const fake: FakePeloton = await hooks.start({ rider: getDataset(name) });
      const result = await refreshHistory(hooks.apiFor(fake), null, { expectedUserId: fake.rider.userId });
      const tests = result.history?.tests ?? [];
      for (const test of tests) {
        const output = fake.secondSeries(test.workoutId)?.output ?? null;
        const pacing = pacingOf(test.series);
        if (test.avgOutput === null || output === null) {
          assert.equal(pacing, null, `${test.workoutId}: no output, no pacing`);
          continue;
        }
        assert.deepEqual(pacing, expectedPacing(output), test.workoutId);
        // every_n=5 keeps the quarters within a watt of the exact 1-second means.
        const quarter = output.length / 4;
        pacing!.quartersW.forEach((q, k) => {
          const exact = output.slice(k * quarter, (k + 1) * quarter).reduce((a, b) => a + b, 0) / quarter;
          assert.ok(Math.abs(q - exact) <= 1, `${test.workoutId} Q${k + 1}: ${q} W against ${exact.toFixed(2)} W a second`);
        });
      }
    });
  }

  it('the demo rider has a fade, a negative split and an even test; a test without a graph has no pacing', async () => {
    const fake = await hooks.start({ rider: getDataset('demo') });
    const tests = (await refreshHistory(hooks.apiFor(fake), null)).history!.tests;
    const splits = tests.map((t) => pacingOf(t.series)?.halfSplitPct ?? null);
    assert.ok(splits.some((s) => s !== null && s < 0), `a fade among ${JSON.stringify(splits)}`);
    assert.ok(splits.some((s) => s !== null && s > 0), `a negative split among ${JSON.stringify(splits)}`);
    assert.ok(splits.includes(0), `an even test among ${JSON.stringify(splits)}`);
    const missing = await hooks.start({ rider: getDataset('missing-graph') });
    const withoutGraph = (await refreshHistory(hooks.apiFor(missing), null)).history!.tests.filter((t) => t.warnings.some((w) => w.kind === 'no-graph'));
    assert.ok(withoutGraph.length > 0);
    for (const test of withoutGraph) {
      assert.equal(test.series, null);
      assert.equal(pacingOf(test.series), null);
    }
  });

  it('with the recording\'s labels (1, 6, …, 1200) the pacing follows the same rule', async () => {
    const fake = await hooks.start({ rider: getDataset('demo'), sampleLabels: 'recorded' });
    const tests = (await refreshHistory(hooks.apiFor(fake), null)).history!.tests;
    for (const test of tests) {
      const output = fake.secondSeries(test.workoutId)?.output;
      if (!output || test.avgOutput === null) continue;
      assert.equal(test.series?.seconds[0], 1);
      assert.deepEqual(pacingOf(test.series), expectedPacing(output, 'recorded'), test.workoutId);
    }
  });
});
