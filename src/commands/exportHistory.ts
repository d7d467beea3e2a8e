/**
 * "Peloton: Export FTP History..." (`pelotonFtp.exportHistory`): a save dialog offering CSV and JSON, then
 * the history on screen written in the chosen format (src/peloton/ftp/export.ts) as UTF-8. The command takes
 * an optional target URI (for tests and scripts), which skips the dialog. Only FTP figures, dates, ids and
 * ride titles are written: never a token.
 */
import { homedir } from 'node:os';
import * as vscode from 'vscode';
import { COMMANDS } from '../ids';
import type { CommandDeps } from './deps';
import type { HistoryService } from '../history/historyService';
import { exportFormatOf, historyToCsv, historyToJson } from '../peloton/ftp/export';
import { localDate, nowSeconds } from '../shared/dates';

/** The folder the save dialog opens in: the first workspace folder, else the home folder. */
function defaultFolder(): vscode.Uri {
  return vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(homedir());
}

/** The last path segment of a URI, for messages. */
function fileName(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1) || uri.toString();
}

/**
 * Exports the history on screen. Asks where to save unless `target` is given; the file's extension picks
 * the format (`.json` → JSON, anything else → CSV). Says what it wrote, or why it could not.
 * @returns the file written, or undefined when there was nothing to export, the dialog was cancelled, or
 * the write failed (the error is shown).
 */
export async function exportHistory(history: HistoryService, target?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const current = history.state.history;
  if (!current || current.tests.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('There is no FTP history to export yet: sign in to Peloton and refresh first.'));
    return undefined;
  }
  const uri =
    target ??
    (await vscode.window.showSaveDialog({
      title: vscode.l10n.t('Export FTP History'),
      saveLabel: vscode.l10n.t('Export'),
      defaultUri: vscode.Uri.joinPath(defaultFolder(), `peloton-ftp-history-${localDate(nowSeconds())}.csv`),
      filters: { [vscode.l10n.t('CSV (comma-separated values)')]: ['csv'], [vscode.l10n.t('JSON')]: ['json'] },
    }));
  if (!uri) return undefined;
  const text = exportFormatOf(uri.path) === 'json' ? historyToJson(current) : historyToCsv(current);
  try {
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    void vscode.window.showErrorMessage(vscode.l10n.t('Could not export the FTP history to {0}: {1}', fileName(uri), reason));
    return undefined;
  }
  const count = current.tests.length;
  const open = vscode.l10n.t('Open File');
  const message =
    count === 1
      ? vscode.l10n.t('Exported 1 FTP test to {0}.', fileName(uri))
      : vscode.l10n.t('Exported {0} FTP tests to {1}.', count, fileName(uri));
  void Promise.resolve(vscode.window.showInformationMessage(message, open)).then((choice) => {
    if (choice === open) void vscode.window.showTextDocument(uri);
  });
  return uri;
}

/** The export command; its optional argument is the target URI. */
export function exportCommands({ history }: CommandDeps) {
  return {
    [COMMANDS.exportHistory]: (target?: unknown) => exportHistory(history, target instanceof vscode.Uri ? target : undefined),
  };
}
