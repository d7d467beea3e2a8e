/*
 * What the chart page is sent about pacing (src/views/chartData.ts): each row's pacing from its test's series, and the
 * `testDetail` answer (the test's series and the one of the test before it), both valid by the page protocol.
 */
import assert from 'node:assert/strict';
import { toHistoryMessage, toTestDetailMessage } from '../../../src/views/chartData';
import type { HistoryState } from '../../../src/history/historyService';
import { historyMessageSchema, testDetailMessageSchema } from '../../../src/shared/pageProtocol';
import { everydayHistory, quarterSeries } from '../support/everydayHistory';

const state = (): HistoryState => ({ history: everydayHistory(), refreshing: false, found: 0, fetched: 0, notice: null });

describe('chart data: pacing and the test detail', () => {
  it('each row carries its pacing: the quarters and half split of its series, null without one', () => {
    const message = toHistoryMessage(state());
    assert.deepEqual(
      message.rows.map((r) => [r.workoutId, r.pacing]),
      [
        ['w4', { quartersW: [193, 187, 182, 178], halfSplitPct: -5 }], // (180 − 190) / 190 = −5.3 %
        ['w3', null], // a graph without an output series
        ['w1', { quartersW: [190, 190, 196, 196], halfSplitPct: 3 }], // 6 / 190 = 3.2 %
        ['w0', null], // not read yet
      ],
    );
    assert.ok(historyMessageSchema.safeParse(message).success);
  });

  it('the test detail: its series and the one of the test taken before it', () => {
    const detail = toTestDetailMessage(state(), 'w4');
    assert.deepEqual(detail, {
      type: 'testDetail',
      workoutId: 'w4',
      series: quarterSeries([193, 187, 182, 178]),
      previous: { workoutId: 'w3', takenAt: everydayHistory().tests[1]!.takenAt, series: null },
    });
    assert.ok(testDetailMessageSchema.safeParse(detail).success);
    assert.deepEqual(toTestDetailMessage(state(), 'w1').previous?.workoutId, 'w0');
    assert.equal(toTestDetailMessage(state(), 'w1').previous?.series, null, 'a test not read yet has no series');
  });

  it('the oldest test has no test before it; an unknown test (or no history) has neither', () => {
    assert.equal(toTestDetailMessage(state(), 'w0').previous, null);
    assert.deepEqual(toTestDetailMessage(state(), 'gone'), { type: 'testDetail', workoutId: 'gone', series: null, previous: null });
    assert.deepEqual(toTestDetailMessage({ ...state(), history: null }, 'w4'), { type: 'testDetail', workoutId: 'w4', series: null, previous: null });
  });
});
