import assert from 'node:assert/strict';
import fc from 'fast-check';
import { baselineFtp, baselineKind, calculatedFtp, currentFtp, powerZones } from '../../../../src/peloton/ftp/rules';

describe('FTP arithmetic', () => {
  it('the worked example: 193 W → 183 W, 185 W → 176 W', () => {
    assert.equal(calculatedFtp(193), 183);
    assert.equal(calculatedFtp(185), 176);
  });

  it('rounds to the nearest watt (0.95 × 190 = 180.5 → 181)', () => {
    assert.equal(calculatedFtp(190), 181);
    assert.equal(calculatedFtp(98), 93);
  });

  it('baseline by source: workout and estimated as stored, manual × 0.95', () => {
    assert.equal(baselineFtp({ ftp: 183, ftp_source: 'ftp_workout_source' }), 183);
    assert.equal(baselineFtp({ ftp: 154, ftp_source: 'ftp_estimated_source' }), 154);
    assert.equal(baselineFtp({ ftp: 243, ftp_source: 'ftp_manual_source' }), 231);
  });

  it('no baseline for a first test (0 or null) or an unknown source', () => {
    assert.equal(baselineFtp({ ftp: 0, ftp_source: null }), null);
    assert.equal(baselineFtp({ ftp: null, ftp_source: 'ftp_workout_source' }), null);
    assert.equal(baselineFtp({ ftp: 200, ftp_source: 'ftp_from_the_future' }), null);
  });

  it("power zones: Peloton's seven bands for 200 W", () => {
    assert.deepEqual(
      powerZones(200).map((z) => [z.zone, z.minWatts, z.maxWatts]),
      [
        [1, 0, 110],
        [2, 111, 150],
        [3, 151, 180],
        [4, 181, 210],
        [5, 211, 240],
        [6, 241, 300],
        [7, 301, null],
      ],
    );
  });

  it('power zones: contiguous and increasing for any FTP', () => {
    fc.assert(
      fc.property(fc.integer({ min: 20, max: 2000 }), (ftp) => {
        const zones = powerZones(ftp);
        assert.equal(zones.length, 7);
        for (let i = 1; i < zones.length; i++) {
          assert.equal(zones[i]!.minWatts, zones[i - 1]!.maxWatts! + 1);
          assert.ok(zones[i]!.minWatts <= (zones[i]!.maxWatts ?? Infinity));
        }
      }),
    );
  });

  it('power zones refuse a non-positive FTP', () => {
    assert.throws(() => powerZones(0), RangeError);
  });

  it('baseline kind by source; 0 or null is none whatever the source', () => {
    assert.equal(baselineKind('ftp_workout_source', 183), 'test');
    assert.equal(baselineKind('ftp_manual_source', 142), 'manual');
    assert.equal(baselineKind('ftp_estimated_source', 154), 'estimated');
    assert.equal(baselineKind('ftp_workout_source', 0), 'none');
    assert.equal(baselineKind(null, null), 'none');
    assert.equal(baselineKind('something_new', 200), 'none');
  });

  it('current FTP by source: the recorded manual rider 142 → 135 W, a test FTP as is', () => {
    assert.deepEqual(currentFtp({ currentFtp: 142, currentFtpSource: 'ftp_manual_source', currentFtpWorkoutId: null }), {
      watts: 135,
      kind: 'manual',
      enteredWatts: 142,
      testWorkoutId: null,
    });
    assert.deepEqual(currentFtp({ currentFtp: 176, currentFtpSource: 'ftp_workout_source', currentFtpWorkoutId: 'w1' }), {
      watts: 176,
      kind: 'test',
      enteredWatts: null,
      testWorkoutId: 'w1',
    });
    assert.equal(currentFtp({ currentFtp: 0, currentFtpSource: null, currentFtpWorkoutId: null }).watts, null);
  });
});
