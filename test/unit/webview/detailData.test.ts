/*
 * What the test detail draws and says (src/webview/detailData.ts), in plain Node: the smoothing against a plain
 * window average, the quarters' step, the levels, the clock, and the words.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { clock, comparisonText, describeDetail, detailFigures, detailTitle, level, quarterSteps, smoothed } from '../../../src/webview/detailData';
import type { ChartRow } from '../../../src/shared/pageProtocol';
import { localDate } from '../../../src/shared/dates';

const row: ChartRow = {
  workoutId: 'w4',
  takenAt: 1_768_392_000,
  rideTitle: '20 min FTP Test Ride',
  instructor: 'Avery Stone',
  avgOutput: 185,
  calculatedFtp: 176,
  baselineFtp: 183,
  baselineOrigin: 'test',
  baselineSetAt: null,
  enteredBaseline: null,
  applied: 'applied',
  pacing: { quartersW: [193, 187, 182, 178], halfSplitPct: -5 },
};

describe('test detail data', () => {
  it('smooths each sample as the mean of the samples within 10 s either side that have a value', () => {
    const arb = fc.array(fc.record({ step: fc.integer({ min: 1, max: 15 }), value: fc.option(fc.integer({ min: 0, max: 900 }), { nil: null }) }), { maxLength: 120 });
    fc.assert(
      fc.property(arb, (samples) => {
        let t = 0;
        const seconds = samples.map((s) => (t += s.step));
        const values = samples.map((s) => s.value);
        const expected = seconds.map((x) => {
          const window = values.filter((v, j): v is number => v !== null && Math.abs(seconds[j]! - x) <= 10);
          return { x, y: window.length ? window.reduce((a, b) => a + b, 0) / window.length : null };
        });
        const actual = smoothed(seconds, values);
        assert.equal(actual.length, expected.length);
        actual.forEach((p, i) => {
          assert.equal(p.x, expected[i]!.x);
          if (expected[i]!.y === null) assert.equal(p.y, null);
          else assert.ok(Math.abs(p.y! - expected[i]!.y!) < 1e-9);
        });
      }),
    );
  });

  it('the quarters as a step over the class, the levels across it, the clock', () => {
    assert.deepEqual(quarterSteps(1200, [193, 187, 182, 178]), [
      { x: 0, y: 193 },
      { x: 300, y: 187 },
      { x: 600, y: 182 },
      { x: 900, y: 178 },
      { x: 1200, y: 178 },
    ]);
    assert.deepEqual(level(1200, 185), [{ x: 0, y: 185 }, { x: 1200, y: 185 }]);
    assert.deepEqual([0, 40, 300, 605, 1200, -3].map(clock), ['0:00', '0:40', '5:00', '10:05', '20:00', '0:00']);
  });

  it('says the test, its figures, and what it is compared with', () => {
    assert.equal(detailTitle(row), `FTP test of ${localDate(row.takenAt)}`);
    assert.equal(detailFigures(row), 'Pacing \u22125 % · 193 · 187 · 182 · 178 W · Avg output 185 W · Result 176 W');
    assert.equal(detailFigures({ ...row, pacing: null, avgOutput: null, calculatedFtp: null }), 'Pacing \u2014 · Avg output \u2014 · Result \u2014');
    const before = { ...row, takenAt: 1_731_499_200, pacing: { quartersW: [176, 179, 181, 184] as [number, number, number, number], halfSplitPct: 2 } };
    assert.equal(comparisonText({ row: before, takenAt: before.takenAt, hasSeries: true }), `Dashed: the test before it, ${localDate(before.takenAt)} (+2 % · 176 · 179 · 181 · 184 W)`);
    assert.equal(comparisonText({ row: before, takenAt: before.takenAt, hasSeries: false }), `The test before it (${localDate(before.takenAt)}) has no power data.`);
    assert.equal(comparisonText(null), 'No earlier test to compare with.');
    const series = { duration: 1200, seconds: [5, 10, 15, 1195, 1200], output: [210, 200, 190, 170, 160], cadence: null };
    assert.equal(
      describeDetail(row, series, before.takenAt),
      `Output over the 20 minutes of the test of ${localDate(row.takenAt)}: 200 W at the start, 165 W at the end. ` +
        `Lines at its average output and its result; the quarters as a band. Dashed: the test of ${localDate(before.takenAt)}.`,
    );
  });
});
