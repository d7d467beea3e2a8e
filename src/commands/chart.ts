/** "Peloton: Show FTP Chart": the chart panel (src/views/chartPanel.ts) fed from the history on screen. */
import * as vscode from 'vscode';
import { COMMANDS } from '../ids';
import { FtpChartPanel } from '../views/chartPanel';
import { toHistoryMessage } from '../views/chartData';
import { chartZoneTable } from '../views/zones';
import type { CommandDeps } from './deps';
import { workoutUrl } from './workout';

/** Shows the chart panel (reveals it when open). */
export function chartCommands({ extensionUri, history, log }: CommandDeps) {
  const source = {
    current: () => ({ ...toHistoryMessage(history.state), zones: chartZoneTable(history.state.history?.rider) }),
    onDidChange: history.onDidChange,
    openWorkout: (workoutId: string) => void vscode.env.openExternal(workoutUrl(workoutId)),
    refresh: () => void history.refresh(),
  };
  return {
    [COMMANDS.showChart]: () => {
      FtpChartPanel.show(extensionUri, source, { log: (m) => log.warn(m) });
    },
  };
}

/** Closes the open chart panel when the extension is disposed. */
export function closeChartPanel(): vscode.Disposable {
  return { dispose: () => FtpChartPanel.currentPanel?.dispose() };
}
