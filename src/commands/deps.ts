/** What the commands act on: the services the composition root (src/extension.ts) creates once. */
import type * as vscode from 'vscode';
import type { PelotonAuthProvider } from '../auth/authProvider';
import type { SignIn } from '../auth/signIn';
import type { HistoryService } from '../history/historyService';
import type { PelotonLog } from '../log';

/** The services every command family is handed. */
export interface CommandDeps {
  /** The extension's folder (the chart page's scripts and styles). */
  extensionUri: vscode.Uri;
  auth: PelotonAuthProvider;
  signIn: SignIn;
  history: HistoryService;
  log: PelotonLog;
}
