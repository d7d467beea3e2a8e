import assert from 'node:assert/strict';
import fc from 'fast-check';
import { powerZones } from '../../../../src/peloton/ftp/rules';
import { formatZoneWatts, zoneTexts } from '../../../../src/views/zoneFormat';

/** Half-up rounding of ftp × percent / 100 in integers only (independent of Math.round and floating point). */
const upperBound = (ftp: number, percent: number): number => Math.floor((ftp * percent * 2 + 100) / 200);

describe("Peloton's power zones", () => {
  it('FTP 176 W: the rule written out, with Peloton\'s names', () => {
    assert.deepEqual(
      zoneTexts(176).map((z) => `Z${z.zone} · ${z.name} | ${z.percent} | ${z.watts}`),
      [
        'Z1 · Active Recovery | \u2264 55 % | 0\u201397 W',
        'Z2 · Endurance | 56\u201375 % | 98\u2013132 W',
        'Z3 · Tempo | 76\u201390 % | 133\u2013158 W',
        'Z4 · Threshold | 91\u2013105 % | 159\u2013185 W',
        'Z5 · VO2 Max | 106\u2013120 % | 186\u2013211 W',
        'Z6 · Anaerobic Capacity | 121\u2013150 % | 212\u2013264 W',
        'Z7 · Neuromuscular | > 150 % | > 264 W',
      ],
    );
  });

  it('rounds half up: FTP 190 W puts the top of Z1 at 104.5 → 105 W and Z2 starts at 106 W', () => {
    const zones = powerZones(190);
    assert.equal(zones[0].maxWatts, 105);
    assert.equal(zones[1].minWatts, 106);
  });

  it('for any FTP: Z1 starts at 0, each top is round-half-up(FTP × %), each start is the previous top + 1, Z7 is open', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3000 }), (ftp) => {
        const zones = powerZones(ftp);
        const percents = [55, 75, 90, 105, 120, 150];
        assert.equal(zones[0].minWatts, 0);
        percents.forEach((percent, i) => {
          assert.equal(zones[i].maxWatts, upperBound(ftp, percent), `Z${i + 1} top for FTP ${ftp}`);
          assert.equal(zones[i + 1].minWatts, upperBound(ftp, percent) + 1);
        });
        assert.equal(zones[6].maxWatts, null);
        assert.equal(formatZoneWatts(zones[6]), `> ${upperBound(ftp, 150)} W`);
      }),
    );
  });

  it('no zones for an unknown FTP', () => {
    assert.deepEqual(zoneTexts(null), []);
    assert.deepEqual(zoneTexts(0), []);
    assert.deepEqual(zoneTexts(Number.NaN), []);
  });
});
