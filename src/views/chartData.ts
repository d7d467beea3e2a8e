/**
 * What the chart page is sent: the history on screen turned into the typed `history` message (with each test's
 * pacing), and one test's power series as a `testDetail` message when the page asks. Only FTP figures, power and
 * cadence samples, dates and ride names cross into the page — never a token.
 */
import * as l10n from '@vscode/l10n';
import type { HistoryState } from '../history/historyService';
import { currentFtp, testBaselineKind } from '../peloton/ftp/rules';
import type { FtpTest } from '../peloton/ftp/model';
import { pacingOf } from '../peloton/ftp/pacing';
import type { ChartRow, HistoryMessage, TestDetailMessage } from '../shared/pageProtocol';

/**
 * One test as a chart row: figures, the baseline's origin (and for a baseline set by a test, when that test
 * was taken, looked up by `previousTestId` in `byId`), the entered value of a hand-entered baseline, and the
 * applied mark.
 */
export function toChartRow(test: FtpTest, byId: ReadonlyMap<string, FtpTest>): ChartRow {
  const origin = testBaselineKind(test);
  return {
    workoutId: test.workoutId,
    takenAt: test.takenAt,
    rideTitle: test.rideTitle,
    instructor: test.instructor,
    avgOutput: test.avgOutput,
    calculatedFtp: test.calculatedFtp,
    baselineFtp: test.baselineFtp,
    baselineOrigin: origin,
    baselineSetAt: origin === 'test' && test.previousTestId ? (byId.get(test.previousTestId)?.takenAt ?? null) : null,
    enteredBaseline: origin === 'manual' ? test.rawBaseline : null,
    applied: test.applied ?? null,
    pacing: pacingOf(test.series),
  };
}

/** The chart's line while a refresh runs: `Refreshing… 3 of 7 new FTP tests read`, or `Refreshing…` before any is found. */
export function refreshingNotice(state: Pick<HistoryState, 'found' | 'fetched'>): string {
  return state.found > 0 ? l10n.t('Refreshing… {0} of {1} new FTP tests read', state.fetched, state.found) : l10n.t('Refreshing…');
}

/** The `history` message for the current state (rows newest first). */
export function toHistoryMessage(state: Readonly<HistoryState>): HistoryMessage {
  const history = state.history;
  const tests = history?.tests ?? [];
  const byId = new Map(tests.map((t) => [t.workoutId, t]));
  const current = history ? currentFtp(history.rider) : null;
  return {
    type: 'history',
    rows: tests.map((t) => toChartRow(t, byId)),
    username: history?.rider.username ?? null,
    currentFtp: current?.watts ?? null,
    currentFtpOrigin: current && current.watts !== null ? current.kind : null,
    currentFtpEntered: current?.enteredWatts ?? null,
    estimatedFtp: history?.rider.estimatedFtp ?? null,
    fetchedAt: history?.fetchedAt ?? null,
    notice: state.refreshing ? refreshingNotice(state) : state.notice,
  };
}

/**
 * The `testDetail` message for the test `workoutId` of the history on screen: its power series and the one of the test
 * taken before it (the next older test). A test not in the history gives no series and no previous test.
 */
export function toTestDetailMessage(state: Readonly<HistoryState>, workoutId: string): TestDetailMessage {
  const tests = state.history?.tests ?? [];
  const index = tests.findIndex((t) => t.workoutId === workoutId);
  const test = tests[index];
  const previous = index >= 0 ? tests[index + 1] : undefined;
  return {
    type: 'testDetail',
    workoutId,
    series: test?.series ?? null,
    previous: previous ? { workoutId: previous.workoutId, takenAt: previous.takenAt, series: previous.series ?? null } : null,
  };
}
