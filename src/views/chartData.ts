/**
 * What the chart page is sent: the history on screen turned into the typed `history` message. Only
 * FTP figures, dates and ride names cross into the page — never a token.
 */
import type { HistoryState } from '../historyService';
import type { HistoryMessage } from '../webview/protocol';

/** The `history` message for the current state (rows newest first). */
export function toHistoryMessage(state: Readonly<HistoryState>): HistoryMessage {
  const history = state.history;
  return {
    type: 'history',
    rows: (history?.tests ?? []).map((t) => ({
      workoutId: t.workoutId,
      takenAt: t.takenAt,
      rideTitle: t.rideTitle,
      instructor: t.instructor,
      avgOutput: t.avgOutput,
      calculatedFtp: t.calculatedFtp,
      baselineFtp: t.baselineFtp,
    })),
    username: history?.rider.username ?? null,
    currentFtp: history?.rider.currentFtp ?? null,
    estimatedFtp: history?.rider.estimatedFtp ?? null,
    fetchedAt: history?.fetchedAt ?? null,
    notice: state.refreshing ? `Refreshing… ${state.found} found` : state.notice,
  };
}
