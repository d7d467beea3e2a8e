/**
 * The FTP Tests tree's wording and the chart message, in plain Node: the baseline by its source (test of
 * <date>, entered by hand × 0.95, Peloton's estimate, first test), "not applied" only on a declined test,
 * the current FTP by its source, and the view message of a rider with no FTP test.
 */
import assert from 'node:assert/strict';
import { ftpTest, noon, quarterSeries } from '../support/everydayHistory';
import type { FtpTest, RiderFtp } from '../../../src/peloton/ftp/model';
import { toHistoryMessage } from '../../../src/views/chartData';
import {
  currentFtpOrigin,
  noTestsMessage,
  riderDescription,
  riderLabel,
  riderTooltip,
  testDescription,
  testTooltip,
} from '../../../src/views/treeFormat';
import { tableRows } from '../../../src/webview/tableText';
import { localDate } from '../../../src/shared/dates';

/** A test of the history by id and day (noon UTC), 200 W average output (190 W result) unless told. */
function test(id: string, day: string, fields: Partial<FtpTest>): FtpTest {
  return ftpTest({ workoutId: id, takenAt: noon(day), instructor: 'Denis Morton', avgOutput: 200, calculatedFtp: 190, ...fields });
}

/** A rider like the recorded weissleb one: a hand-entered 142 W now, a declined test and a manual period behind. */
const rider: RiderFtp = {
  userId: 'u1',
  username: 'no_chain_rider',
  currentFtp: 142,
  currentFtpSource: 'ftp_manual_source',
  estimatedFtp: 150,
  currentFtpWorkoutId: null,
};
const first = test('t1', '2021-03-01', { avgOutput: 160, calculatedFtp: 152, applied: 'applied' });
const second = test('t2', '2022-03-01', {
  avgOutput: 170,
  calculatedFtp: 162,
  baselineFtp: 152,
  baselineSource: 'ftp_workout_source',
  rawBaseline: 152,
  previousTestId: 't1',
  applied: 'not-applied',
});
const third = test('t3', '2023-03-01', {
  avgOutput: 150,
  calculatedFtp: 143,
  baselineFtp: 152,
  baselineSource: 'ftp_workout_source',
  rawBaseline: 152,
  previousTestId: 't1',
  applied: null,
});
const fourth = test('t4', '2024-03-01', {
  avgOutput: 160,
  calculatedFtp: 152,
  baselineFtp: 135,
  baselineSource: 'ftp_manual_source',
  rawBaseline: 142,
  applied: null,
});
const fifth = test('t5', '2025-03-01', {
  avgOutput: 165,
  calculatedFtp: 157,
  baselineFtp: 148,
  baselineSource: 'ftp_estimated_source',
  rawBaseline: 148,
  applied: null,
});
const tests = [fifth, fourth, third, second, first];

describe('FTP Tests tree wording', () => {
  it('describes each baseline by its source, and marks only the declined test "not applied"', () => {
    assert.deepEqual(
      [testDescription(fifth), testDescription(fourth), testDescription(third, first), testDescription(second, first), testDescription(first)],
      [
        "baseline 148 W · +9 W · Peloton's estimate",
        'baseline 135 W · +17 W · entered by hand',
        `baseline 152 W · \u22129 W · from the test of ${localDate(first.takenAt)}`,
        `not applied · baseline 152 W · +10 W · from the test of ${localDate(first.takenAt)}`,
        'first test',
      ],
    );
    assert.equal(testDescription(third), 'baseline 152 W · \u22129 W · from an FTP test', 'the setting test is not in the history');
  });

  it('the tooltip says why a test was not applied, and shows a hand-entered baseline with the value entered', () => {
    const declined = testTooltip(second, first);
    assert.equal(declined.title, '20 min FTP Test Ride');
    assert.equal(declined.subtitle, 'with Denis Morton');
    assert.ok(declined.lines.some((l) => /^Not applied: the next test started from an older FTP/.test(l)), declined.lines.join('\n'));
    assert.ok(declined.lines.includes(`Baseline FTP: 152 W, set by the test of ${localDate(first.takenAt)} (change +10 W)`));
    const manual = testTooltip(fourth).lines;
    assert.ok(manual.includes('Baseline FTP: 135 W, entered by hand: 142 W entered as a 20-minute average, × 0.95 = 135 W (change +17 W)'), manual.join('\n'));
    assert.ok(!manual.some((l) => /applied/i.test(l)), 'no mark when a hand-entered FTP came next');
    assert.ok(testTooltip(first).lines.includes('Baseline FTP: first test'));
    assert.ok(testTooltip(first).lines.includes('Applied: this result became your FTP'));
    assert.ok(testTooltip(fifth).lines.includes("Baseline FTP: 148 W, Peloton's estimate (change +9 W)"));
  });

  it('the tooltip says how the test was ridden: half split and quarters, or the em dash without a power series', () => {
    const faded = testTooltip({ ...first, series: quarterSeries([193, 187, 182, 178]) }).lines;
    assert.ok(faded.includes('Pacing (half split, then each quarter): \u22125 % · 193 · 187 · 182 · 178 W'), faded.join('\n'));
    const even = testTooltip({ ...first, series: quarterSeries([180, 180, 180, 180]) }).lines;
    assert.ok(even.includes('Pacing (half split, then each quarter): 0 % · 180 · 180 · 180 · 180 W'));
    const negative = testTooltip({ ...first, series: quarterSeries([170, 172, 175, 181]) }).lines;
    // halves 171 and 178 W: 7 / 171 = +4.1 %
    assert.ok(negative.includes('Pacing (half split, then each quarter): +4 % · 170 · 172 · 175 · 181 W'), negative.join('\n'));
    for (const series of [null, undefined]) {
      assert.ok(testTooltip({ ...first, series }).lines.includes('Pacing (half split, then each quarter): \u2014'));
    }
  });

  it('keeps Peloton text as plain text (the tree appends it with MarkdownString.appendText)', () => {
    const odd = test('t9', '2024-01-01', { rideTitle: '**[click](command:x)**', instructor: '<b>me</b>', warnings: [{ kind: 'baseline-unknown-source', workoutId: 't9', rawBaseline: 150, source: '_[x](command:y)_' }] });
    const parts = testTooltip(odd);
    assert.equal(parts.title, '**[click](command:x)**');
    assert.equal(parts.subtitle, 'with <b>me</b>');
    assert.deepEqual(parts.warnings, ['⚠ Workout t9 has a baseline of 150 W with an unknown source "_[x](command:y)_": not shown.']);
    // The extension's own lines carry no Markdown syntax (they go in as Markdown, so long lines wrap).
    for (const line of [...parts.lines, ...testTooltip(fourth).lines, ...testTooltip(second, first).lines]) {
      assert.doesNotMatch(line, /[*_`[\]<>#|\\]/, line);
    }
  });

  it('shows the current FTP by its source: the recorded manual 142 W is 135 W', () => {
    assert.equal(riderLabel(rider), 'Current FTP 135 W');
    assert.equal(riderDescription(rider), 'entered by hand · Peloton estimate 150 W');
    assert.equal(currentFtpOrigin(rider, tests), 'entered by hand: 142 W entered as a 20-minute average, × 0.95 = 135 W');
    const estimated = { ...rider, currentFtp: 150, currentFtpSource: 'ftp_estimated_source' };
    assert.equal(riderLabel(estimated), 'Current FTP 150 W');
    assert.equal(riderDescription(estimated), "Peloton's estimate");
    const byTest = { ...rider, currentFtp: 157, currentFtpSource: 'ftp_workout_source', currentFtpWorkoutId: 't5' };
    assert.equal(currentFtpOrigin(byTest, tests), `set by the test of ${localDate(fifth.takenAt)}`);
    assert.equal(riderDescription(byTest), 'Peloton estimate 150 W');
    assert.equal(riderLabel({ ...rider, currentFtp: 0 }), 'Current FTP not set');
    assert.deepEqual(riderTooltip(rider, tests).lines.slice(-1), ['5 FTP tests found']);
  });

  it("the current-FTP tooltip names Peloton's estimate once when the current FTP is that estimate, and beside any other FTP", () => {
    const estimated = { ...rider, currentFtp: 150, currentFtpSource: 'ftp_estimated_source' };
    assert.deepEqual(riderTooltip(estimated, tests).lines, ["Current FTP 150 W, Peloton's estimate", '5 FTP tests found']);
    // An estimate newer than the one that is the current FTP is news: it stays.
    assert.deepEqual(riderTooltip({ ...estimated, estimatedFtp: 155 }, tests).lines.slice(0, 2), ["Current FTP 150 W, Peloton's estimate", 'Peloton estimate 155 W']);
    assert.deepEqual(riderTooltip(rider, tests).lines.slice(0, 2), ['Current FTP 135 W, entered by hand: 142 W entered as a 20-minute average, × 0.95 = 135 W', 'Peloton estimate 150 W']);
  });

  it('a rider with no FTP test is told so, and where the current FTP comes from', () => {
    assert.equal(noTestsMessage(rider), 'No FTP test found in your Peloton workouts. Your current FTP, 135 W, was entered by hand (142 W × 0.95).');
    assert.match(noTestsMessage({ ...rider, currentFtp: 150, currentFtpSource: 'ftp_estimated_source' }), /Your current FTP, 150 W, is Peloton's estimate\.$/);
    assert.match(noTestsMessage({ ...rider, currentFtp: null, currentFtpSource: null }), /Peloton has no FTP for you yet/);
  });
});

describe('chart message and table', () => {
  it('carries the baseline origin, the setting test date, the entered value and the applied mark; the table says the same', () => {
    const message = toHistoryMessage({ history: { rider, tests, warnings: [], endReason: 'end', fetchedAt: noon('2025-04-01') }, refreshing: false, found: 0, fetched: 0, notice: null });
    assert.equal(message.currentFtp, 135);
    assert.equal(message.currentFtpOrigin, 'manual');
    assert.equal(message.currentFtpEntered, 142);
    assert.deepEqual(
      message.rows.map((r) => [r.baselineOrigin, r.baselineSetAt, r.enteredBaseline, r.applied]),
      [
        ['estimated', null, null, null],
        ['manual', null, 142, null],
        ['test', first.takenAt, null, null],
        ['test', first.takenAt, null, 'not-applied'],
        ['none', null, null, 'applied'],
      ],
    );
    assert.deepEqual(
      tableRows(message.rows).map((r) => `${r[2]} | ${r[3]} | ${r[4]}`),
      [
        "\u2014 | 148 | Peloton's estimate",
        '\u2014 | 135 | entered by hand (142 W × 0.95)',
        `\u2014 | 152 | set by the test of ${localDate(first.takenAt)}`,
        `not applied | 152 | set by the test of ${localDate(first.takenAt)}`,
        'applied | \u2014 | first test',
      ],
    );
  });
});
