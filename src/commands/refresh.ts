/** "Peloton: Refresh FTP History", "Peloton: Cancel Refresh" and "Peloton: Rebuild FTP History". */
import * as vscode from 'vscode';
import { COMMANDS } from '../ids';
import type { CommandDeps } from './deps';

/**
 * Refresh (signed out: the access-token sign-in first, which refreshes once signed in), its cancel, and the rebuild
 * from scratch, which asks first (a modal dialog: it costs a request or two per FTP test).
 */
export function refreshCommands({ auth, signIn, history }: CommandDeps) {
  return {
    [COMMANDS.refresh]: async () => {
      if (!auth.current) await signIn.run('token');
      else await history.refresh();
    },
    [COMMANDS.cancelRefresh]: () => history.cancel(),
    [COMMANDS.rebuild]: async () => {
      if (!auth.current) return signIn.run('token');
      const rebuild = vscode.l10n.t('Rebuild');
      const choice = await vscode.window.showWarningMessage(
        vscode.l10n.t('Rebuild your FTP history from Peloton?'),
        {
          modal: true,
          detail: vscode.l10n.t(
            'Every FTP test is read again from your Peloton workouts, as on the first sign-in. Your history stays on screen until the rebuild is complete, and is kept if it fails or you cancel it.',
          ),
        },
        rebuild,
      );
      if (choice === rebuild) await history.rebuild();
    },
  };
}
