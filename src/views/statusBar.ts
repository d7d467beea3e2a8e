/**
 * The FTP status bar item: `$(pulse) FTP 176 W` (the current FTP by its source rule), a tooltip saying
 * where that FTP came from and how long since the last FTP test, and a click that opens the FTP History
 * chart. Hidden when signed out, before any history, and when `pelotonFtp.statusBar.enabled` is false.
 * It redraws when the history, the session or the setting changes, and when the window regains focus (so
 * "N days ago" stays right without polling).
 */
import * as vscode from 'vscode';
import type { HistoryService } from '../history/historyService';
import { localDate, nowSeconds } from '../shared/dates';
import { ftpStatus, type FtpStatus } from './statusBarModel';
import { COMMANDS, INTERNAL_IDS, SETTINGS } from '../ids';

/** What the status bar item needs. */
export interface FtpStatusBarDeps {
  history: HistoryService;
  /** True while a Peloton session exists. */
  isSignedIn(): boolean;
  /** Fires when the session starts or ends. */
  onDidChangeSession: vscode.Event<unknown>;
}

/** The item's text: `$(pulse) FTP 176 W`, or `$(pulse) FTP not set`. */
export function statusText(status: FtpStatus): string {
  return status.watts === null ? vscode.l10n.t('$(pulse) FTP not set') : vscode.l10n.t('$(pulse) FTP {0} W', status.watts);
}

/** The sentence saying where the current FTP came from. */
export function sourceSentence(status: FtpStatus): string {
  switch (status.kind) {
    case 'test':
      return status.setByTestAt === null
        ? vscode.l10n.t('Your FTP of {0} W was set by an FTP test.', status.watts ?? 0)
        : vscode.l10n.t('Your FTP of {0} W was set by your FTP test of {1}.', status.watts ?? 0, localDate(status.setByTestAt));
    case 'manual':
      return vscode.l10n.t('Your FTP of {0} W was entered by hand (a 20-minute average of {1} W × 0.95).', status.watts ?? 0, status.enteredWatts ?? 0);
    case 'estimated':
      return vscode.l10n.t("Your FTP of {0} W is Peloton's estimate.", status.watts ?? 0);
    default:
      return vscode.l10n.t('Peloton has no FTP for you yet.');
  }
}

/** The sentence saying how long since the newest FTP test. */
export function lastTestSentence(days: number | null): string {
  if (days === null) return vscode.l10n.t('No FTP test yet.');
  if (days === 0) return vscode.l10n.t('Last test today.');
  if (days === 1) return vscode.l10n.t('Last test yesterday.');
  return vscode.l10n.t('Last test {0} days ago.', days);
}

/** The item's Markdown tooltip: the source, the last test, and what a click does. */
export function statusTooltip(status: FtpStatus): vscode.MarkdownString {
  const tooltip = new vscode.MarkdownString(
    [sourceSentence(status), lastTestSentence(status.daysSinceLastTest), '', vscode.l10n.t('Click to open the FTP History chart.')].join('\n\n'),
  );
  tooltip.supportThemeIcons = false;
  return tooltip;
}

/** Whether the setting shows the item (default true). */
function enabled(): boolean {
  return vscode.workspace.getConfiguration().get<boolean>(SETTINGS.statusBarEnabled, true) !== false;
}

/** Creates the status bar item and keeps it up to date. Returns what to dispose. */
export function registerFtpStatusBar(deps: FtpStatusBarDeps): vscode.Disposable {
  const item = vscode.window.createStatusBarItem(INTERNAL_IDS.statusBarItem, vscode.StatusBarAlignment.Right, 100);
  item.name = vscode.l10n.t('Peloton FTP');
  item.command = { command: COMMANDS.showChart, title: vscode.l10n.t('Show FTP Chart') };
  const sync = () => {
    const status = deps.isSignedIn() && enabled() ? ftpStatus(deps.history.state.history, nowSeconds()) : null;
    if (!status) {
      item.hide();
      return;
    }
    item.text = statusText(status);
    item.tooltip = statusTooltip(status);
    item.accessibilityInformation = {
      label: status.watts === null ? vscode.l10n.t('Current FTP not set') : vscode.l10n.t('Current FTP {0} watts', status.watts),
    };
    item.show();
  };
  sync();
  return vscode.Disposable.from(
    item,
    deps.history.onDidChange(sync),
    deps.onDidChangeSession(sync),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(SETTINGS.statusBarEnabled)) sync();
    }),
    vscode.window.onDidChangeWindowState((state) => {
      if (state.focused) sync();
    }),
  );
}
