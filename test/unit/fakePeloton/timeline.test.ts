import assert from 'node:assert/strict';
import type { RecordedRequest } from '../../../test/fakePeloton/http';
import { inFlightSummary } from '../../../test/fakePeloton/timeline';

/** A request that arrived at `from` and was answered at `to` (null: never answered). */
const served = (from: number, to: number | null): RecordedRequest => ({
  method: 'GET',
  path: '/api/me',
  query: '',
  route: 'me',
  status: to === null ? 0 : 200,
  receivedAtMs: from,
  answeredAtMs: to,
});

describe('inFlightSummary (how busy the fake kept its client)', () => {
  it('weighs each stretch by how many were in flight; counts the stretches with none and with fewer than the bound', () => {
    // 0–10: one; 10–20: two; 20–30: none; 30–40: two; unanswered requests do not count.
    const summary = inFlightSummary([served(0, 20), served(10, 20), served(30, 40), served(30, 40), served(5, null)], 2)!;
    assert.equal(summary.spanMs, 40);
    assert.equal(summary.meanInFlight, (1 * 10 + 2 * 10 + 0 * 10 + 2 * 10) / 40);
    assert.equal(summary.noneMs, 10);
    assert.equal(summary.belowLimitMs, 10);
  });

  it('an answer and an arrival at the same instant leave no gap; nothing answered gives null', () => {
    const summary = inFlightSummary([served(0, 10), served(10, 20)], 1)!;
    assert.equal(summary.noneMs, 0);
    assert.equal(summary.meanInFlight, 1);
    assert.equal(inFlightSummary([served(0, null)], 6), null);
  });
});
