import assert from 'node:assert/strict';
import type { FtpTest, RiderFtp } from '../../../../src/peloton/ftp/model';
import { markApplied, mergeTests } from '../../../../src/peloton/ftp/merge';

const DAY = 86_400;

/**
 * A test taken on `day`; its baseline `setBy` another test id (ftp_workout_source), 'manual' (a hand-entered 200,
 * standing for 190 W), 'estimated', or null (first test).
 */
function test(id: string, day: number, setBy: string | null): FtpTest {
  const source = setBy === null ? null : setBy === 'manual' ? 'ftp_manual_source' : setBy === 'estimated' ? 'ftp_estimated_source' : 'ftp_workout_source';
  return {
    workoutId: id,
    takenAt: 1_700_000_000 + day * DAY,
    rideTitle: '20 min FTP Test Ride',
    instructor: null,
    avgOutput: 200,
    calculatedFtp: 190,
    baselineFtp: setBy === null ? null : 190,
    baselineSource: source,
    rawBaseline: setBy === null ? 0 : setBy === 'manual' ? 200 : 190,
    previousTestId: source === 'ftp_workout_source' ? setBy : null,
    applied: null,
    warnings: [],
  };
}

function me(source: string | null, workoutId: string | null = null): RiderFtp {
  return { userId: 'u1', username: 'Rider', currentFtp: source ? 190 : 0, currentFtpSource: source, estimatedFtp: 195, currentFtpWorkoutId: workoutId };
}

const marks = (tests: FtpTest[]) => tests.map((t) => `${t.workoutId}:${t.applied ?? '-'}`).join(' ');

describe('markApplied (tests newest first)', () => {
  it('a clean chain: every test applied, the newest because /api/me names it', () => {
    const tests = [test('c', 30, 'b'), test('b', 20, 'a'), test('a', 10, null)];
    assert.equal(marks(markApplied(tests, me('ftp_workout_source', 'c'))), 'c:applied b:applied a:applied');
  });

  it('a declined test: the next test\'s baseline was set by an older test', () => {
    const tests = [test('d', 40, 'b'), test('c', 30, 'b'), test('b', 20, 'a'), test('a', 10, null)];
    assert.equal(marks(markApplied(tests, me('ftp_workout_source', 'd'))), 'd:applied c:not-applied b:applied a:applied');
  });

  it('a manual or estimated FTP came next: no mark', () => {
    const tests = [test('c', 30, 'manual'), test('b', 20, 'estimated'), test('a', 10, null)];
    assert.equal(marks(markApplied(tests, me('ftp_manual_source'))), 'c:- b:- a:-');
  });

  it('the newest: applied when /api/me names it, not applied when /api/me names an older test, no mark otherwise', () => {
    const tests = [test('b', 20, 'a'), test('a', 10, null)];
    assert.equal(marks(markApplied(tests, me('ftp_workout_source', 'b'))), 'b:applied a:applied');
    assert.equal(marks(markApplied(tests, me('ftp_workout_source', 'a'))), 'b:not-applied a:applied');
    assert.equal(marks(markApplied(tests, me('ftp_estimated_source'))), 'b:- a:applied');
    assert.equal(marks(markApplied(tests, me(null))), 'b:- a:applied');
  });

  it('a baseline set by a test not in the history (deleted or never listed) counts as older: not applied', () => {
    const tests = [test('c', 30, 'ghost'), test('b', 20, 'a'), test('a', 10, null)];
    assert.equal(marks(markApplied(tests, me('ftp_workout_source', 'c'))), 'c:applied b:not-applied a:applied');
  });

  it('a test named by a later test is applied even when a manual FTP came right after it', () => {
    // a applied; then a manual entry (b's baseline); c's baseline names a again (the rider went back to it)
    const tests = [test('c', 30, 'a'), test('b', 20, 'manual'), test('a', 10, null)];
    assert.equal(marks(markApplied(tests, me('ftp_workout_source', 'c'))), 'c:applied b:not-applied a:applied');
  });

  it('returns the same objects when nothing changes, new ones otherwise (stored tests are not mutated)', () => {
    const tests = [test('b', 20, 'a'), test('a', 10, null)];
    const once = markApplied(tests, me('ftp_workout_source', 'b'));
    assert.equal(tests[0]!.applied, null, 'input untouched');
    const twice = markApplied(once, me('ftp_workout_source', 'b'));
    assert.ok(twice.every((t, i) => t === once[i]));
  });
});

describe('mergeTests', () => {
  it('the union by workout id, fresh over stored, newest first (ties by id)', () => {
    const stored = [test('c', 30, 'b'), test('b', 20, 'a'), test('a', 10, null)];
    const fresh = [{ ...test('b', 20, 'a'), avgOutput: 999 }, test('x', 25, 'b'), test('y', 25, 'b'), test('z', 40, 'c')];
    const merged = mergeTests(stored, fresh);
    assert.deepEqual(merged.map((t) => t.workoutId), ['z', 'c', 'y', 'x', 'b', 'a']);
    assert.equal(merged.find((t) => t.workoutId === 'b')!.avgOutput, 999);
  });

  it('never fewer tests than stored, whatever the fresh ones', () => {
    const stored = [test('c', 30, 'b'), test('b', 20, 'a'), test('a', 10, null)];
    assert.equal(mergeTests(stored, []).length, 3);
    assert.equal(mergeTests(stored, [test('a', 10, null)]).length, 3);
  });
});
