import assert from 'node:assert/strict';
import type { ChartRow } from '../../../src/shared/pageProtocol';
import { appliedFootnote, appliedUnknownReasons, tableRows } from '../../../src/webview/tableText';

/** A chart row of the given day (noon UTC) with the fields the Applied column reads. */
function row(day: string, baselineOrigin: ChartRow['baselineOrigin'], applied: ChartRow['applied']): ChartRow {
  return {
    workoutId: `w-${day}`,
    takenAt: Date.parse(`${day}T12:00:00Z`) / 1000,
    rideTitle: '20 min FTP Test Ride',
    instructor: null,
    avgOutput: 200,
    calculatedFtp: 190,
    baselineFtp: baselineOrigin === 'none' ? null : 180,
    baselineOrigin,
    baselineSetAt: null,
    enteredBaseline: null,
    applied,
  };
}

/** The demo rider's marks (test/fakePeloton/datasets.ts demo()), oldest first as the page may get them. */
const demoRows = [
  row('2020-03-11', 'none', 'applied'),
  row('2021-05-12', 'test', null), // the next test started from an FTP entered by hand
  row('2022-01-19', 'manual', 'applied'),
  row('2023-08-16', 'test', 'not-applied'),
  row('2024-11-13', 'test', 'applied'),
  row('2026-01-07', 'test', null), // the newest: the FTP now is Peloton's estimate
];

describe("the chart table's Applied column: why a dash (src/webview/tableText.ts)", () => {
  it('gives a reason for each dash, newest first beside the rows, and none for applied or declined results', () => {
    const reasons = appliedUnknownReasons(demoRows, 'estimated');
    assert.deepEqual(
      tableRows(demoRows).map((cells, i) => `${cells[0]} | ${cells[2]} | ${reasons[i] ?? ''}`),
      [
        "2026-01-07 | \u2014 | Not known: this is your newest test, and your FTP now is Peloton's estimate.",
        '2024-11-13 | applied | ',
        '2023-08-16 | not applied | ',
        '2022-01-19 | applied | ',
        '2021-05-12 | \u2014 | Not known: the next test started from an FTP entered by hand, not from this result.',
        '2020-03-11 | applied | ',
      ],
    );
  });

  it("names what came after: Peloton's estimate or no FTP for an older test, a hand-entered or unnamed FTP for the newest", () => {
    const older = row('2024-01-01', 'test', null);
    assert.equal(appliedUnknownReasons([older, row('2025-01-01', 'estimated', null)], 'test')[1], "Not known: the next test started from Peloton's estimate, not from this result.");
    assert.equal(appliedUnknownReasons([older, row('2025-01-01', 'none', 'applied')], null)[1], 'Not known: the next test started with no FTP.');
    assert.equal(appliedUnknownReasons([older], 'manual')[0], 'Not known: this is your newest test, and your FTP now was entered by hand.');
    assert.equal(appliedUnknownReasons([older], null)[0], 'Not known: this is your newest test, and Peloton names no test behind your FTP now.');
  });

  it('the note under the table explains the dash', () => {
    assert.match(appliedFootnote(), /^A dash \(\u2014\) under Applied: not known whether that result became your FTP/);
  });
});
