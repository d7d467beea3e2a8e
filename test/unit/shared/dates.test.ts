/**
 * The one date module: local date and date-time in the rider's time zone, the UTC stamp, and the clock. Time zones
 * other than the runner's are tried in child processes started with `TZ` set; the expected values were computed
 * independently (Python's zoneinfo), and the runner's own zone is checked against `Intl.DateTimeFormat`.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { localDate, localDateTime, nowSeconds, utcDateTime } from '../../../src/shared/dates';

const root = join(__dirname, '..', '..', '..');

/** 2026-01-14T20:00:00Z (northern winter), 2026-07-01T03:05:59Z (northern summer), 1999-12-31T23:59:59Z. */
const INSTANTS = [1_768_420_800, 1_782_875_159, 946_684_799];

/** What each function gives for {@link INSTANTS}, in a Node process whose `TZ` is `zone`. */
function inZone(zone: string): { date: string[]; dateTime: string[]; utc: string[] } {
  const script = [
    `const d = require(${JSON.stringify(join(root, 'src', 'shared', 'dates.ts'))});`,
    `const at = ${JSON.stringify(INSTANTS)};`,
    `console.log(JSON.stringify({ date: at.map(d.localDate), dateTime: at.map(d.localDateTime), utc: at.map(d.utcDateTime) }));`,
  ].join('\n');
  const child = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: root, env: { ...process.env, TZ: zone }, encoding: 'utf8' });
  assert.equal(child.status, 0, child.stderr);
  return JSON.parse(child.stdout) as { date: string[]; dateTime: string[]; utc: string[] };
}

const UTC_STAMPS = ['2026-01-14 20:00', '2026-07-01 03:05', '1999-12-31 23:59'];

describe('shared/dates', function () {
  this.timeout(30_000);

  const zones: Record<string, string[]> = {
    UTC: ['2026-01-14 20:00', '2026-07-01 03:05', '1999-12-31 23:59'],
    'Asia/Kolkata': ['2026-01-15 01:30', '2026-07-01 08:35', '2000-01-01 05:29'],
    'America/Los_Angeles': ['2026-01-14 12:00', '2026-06-30 20:05', '1999-12-31 15:59'],
    'Pacific/Chatham': ['2026-01-15 09:45', '2026-07-01 15:50', '2000-01-01 13:44'],
  };
  for (const [zone, expected] of Object.entries(zones)) {
    it(`TZ=${zone}: the local date and date-time are the zone's (daylight saving included), the UTC stamp is the same everywhere`, () => {
      const got = inZone(zone);
      assert.deepEqual(got.dateTime, expected);
      assert.deepEqual(
        got.date,
        expected.map((e) => e.slice(0, 10)),
      );
      assert.deepEqual(got.utc, UTC_STAMPS);
    });
  }

  it("in the runner's own zone, local dates agree with Intl.DateTimeFormat", () => {
    const format = new Intl.DateTimeFormat('en-US', { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    for (let seconds = 946_684_799; seconds < 1_800_000_000; seconds += 7_777_777) {
      const part = (type: string) => format.formatToParts(new Date(seconds * 1000)).find((p) => p.type === type)!.value;
      const date = `${part('year')}-${part('month')}-${part('day')}`;
      assert.equal(localDate(seconds), date, String(seconds));
      assert.equal(localDateTime(seconds), `${date} ${part('hour')}:${part('minute')}`, String(seconds));
    }
  });

  it('the UTC stamp is minutes, seconds cut (not rounded), and throws for an instant Date cannot hold', () => {
    assert.equal(utcDateTime(0), '1970-01-01 00:00');
    assert.equal(utcDateTime(59), '1970-01-01 00:00');
    assert.equal(utcDateTime(1_768_392_060), '2026-01-14 12:01');
    assert.throws(() => utcDateTime(9e12), RangeError);
  });

  it('nowSeconds is the clock in whole seconds, rounded down', () => {
    const before = Math.floor(Date.now() / 1000);
    const now = nowSeconds();
    const after = Math.floor(Date.now() / 1000);
    assert.ok(Number.isInteger(now));
    assert.ok(before <= now && now <= after, `${before} ≤ ${now} ≤ ${after}`);
  });
});
