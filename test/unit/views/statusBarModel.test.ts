import assert from 'node:assert/strict';
import { calendarDaysBetween, ftpStatus } from '../../../src/views/statusBarModel';
import { everydayHistory, noon, rider } from '../support/everydayHistory';

describe('FTP status bar figures', () => {
  it('nothing without a history', () => {
    assert.equal(ftpStatus(null, noon('2026-04-08')), null);
  });

  it('a test FTP: its watts, the date of the test that set it, and the days since the newest test', () => {
    assert.deepEqual(ftpStatus(everydayHistory(), noon('2026-04-08')), {
      watts: 176,
      kind: 'test',
      enteredWatts: null,
      setByTestAt: noon('2026-01-14'),
      daysSinceLastTest: 84,
    });
  });

  it('a hand-entered FTP is the 20-minute average × 0.95; an estimate is as is', () => {
    const manual = ftpStatus(everydayHistory({ rider: { ...rider, currentFtp: 200, currentFtpSource: 'ftp_manual_source', currentFtpWorkoutId: null } }), noon('2026-01-14'));
    assert.deepEqual([manual?.watts, manual?.kind, manual?.enteredWatts, manual?.setByTestAt, manual?.daysSinceLastTest], [190, 'manual', 200, null, 0]);
    const estimated = ftpStatus(everydayHistory({ rider: { ...rider, currentFtp: 181, currentFtpSource: 'ftp_estimated_source' } }), noon('2026-01-15'));
    assert.deepEqual([estimated?.watts, estimated?.kind, estimated?.daysSinceLastTest], [181, 'estimated', 1]);
  });

  it('no FTP and no tests: watts null, days null', () => {
    const none = ftpStatus(everydayHistory({ rider: { ...rider, currentFtp: 0, currentFtpSource: null }, tests: [] }), noon('2026-01-15'));
    assert.deepEqual([none?.watts, none?.kind, none?.daysSinceLastTest], [null, 'none', null]);
  });

  it('counts calendar days in local time, not 24-hour periods', () => {
    const lateEvening = new Date(2026, 0, 14, 23, 30).getTime() / 1000;
    const nextMorning = new Date(2026, 0, 15, 0, 30).getTime() / 1000;
    assert.equal(calendarDaysBetween(lateEvening, nextMorning), 1);
    assert.equal(calendarDaysBetween(nextMorning, nextMorning + 3600), 0);
    // across a daylight-saving change (where the zone has one) still whole days
    assert.equal(calendarDaysBetween(new Date(2026, 2, 1, 12).getTime() / 1000, new Date(2026, 3, 1, 12).getTime() / 1000), 31);
  });
});
