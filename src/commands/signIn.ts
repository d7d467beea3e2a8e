/**
 * "Peloton: Sign In with Access Token", "Peloton: Sign In with Email and Password" (both the one sign-in path,
 * src/auth/signIn.ts) and "Peloton: Sign Out".
 */
import * as vscode from 'vscode';
import { COMMANDS } from '../ids';
import type { CommandDeps } from './deps';

/** The sign-in and sign-out commands. None hands anything back to its caller (a session record holds tokens). */
export function signInCommands({ auth, signIn }: CommandDeps) {
  return {
    [COMMANDS.signIn]: async () => void (await signIn.run('token')),
    [COMMANDS.signInWithPassword]: async () => void (await signIn.run('password')),
    [COMMANDS.signOut]: async () => {
      if (auth.current) await auth.removeSession(auth.current.id);
    },
  };
}

/**
 * After the rider signed out on purpose: the history on screen is forgotten and "Signed out of Peloton." said. The
 * command and the Accounts menu's Sign Out both go through removeSession, and end here.
 */
export function whenSignedOut({ auth, history }: CommandDeps): vscode.Disposable {
  return auth.onDidSignOutByRider(() => {
    history.clear();
    void vscode.window.showInformationMessage(vscode.l10n.t('Signed out of Peloton.'));
  });
}
