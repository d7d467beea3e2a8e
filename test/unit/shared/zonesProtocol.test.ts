import assert from 'node:assert/strict';
import { historyMessageSchema } from '../../../src/shared/pageProtocol';
import { zoneTableSchema } from '../../../src/shared/zonesProtocol';
import { zoneTexts } from '../../../src/views/zoneFormat';

/** A zones table as the host builds it (English texts). */
function table(ftp: number) {
  return {
    ftp,
    heading: `Power zones at FTP ${ftp} W`,
    columns: ['Zone', '% of FTP', 'Watts'] as [string, string, string],
    rows: zoneTexts(ftp).map((z) => ({ zone: z.zone, label: `Z${z.zone} · ${z.name}`, percent: z.percent, watts: z.watts })),
  };
}

const message = {
  type: 'history' as const,
  rows: [],
  username: 'everyday_rider',
  currentFtp: 176,
  currentFtpOrigin: 'test',
  currentFtpEntered: null,
  estimatedFtp: null,
  fetchedAt: null,
  notice: null,
};

describe('the chart page protocol: power zones', () => {
  it('a history message carries the zones table, or null, or none (older hosts)', () => {
    assert.deepEqual(historyMessageSchema.parse({ ...message, zones: table(176) }).zones?.rows[3], {
      zone: 4,
      label: 'Z4 · Threshold',
      percent: '91\u2013105 %',
      watts: '159\u2013185 W',
    });
    assert.equal(historyMessageSchema.parse({ ...message, zones: null }).zones, null);
    assert.equal(historyMessageSchema.parse(message).zones, undefined);
  });

  it('refuses a table that is not seven zones 1–7 with three column titles', () => {
    const good = table(176);
    const bad: unknown[] = [
      { ...good, rows: good.rows.slice(0, 6) },
      { ...good, rows: [...good.rows.slice(0, 6), { ...good.rows[6], zone: 8 }] },
      { ...good, rows: [{ ...good.rows[0], zone: 1.5 }, ...good.rows.slice(1)] },
      { ...good, columns: ['Zone', 'Watts'] },
      { ...good, heading: null },
    ];
    for (const zones of bad) {
      assert.equal(zoneTableSchema.safeParse(zones).success, false, JSON.stringify(zones).slice(0, 100));
      assert.equal(historyMessageSchema.safeParse({ ...message, zones }).success, false);
    }
  });
});
