/**
 * The command "Peloton: Sign In with Email and Password" (`pelotonFtp.signInWithPassword`): runs the password flow
 * through the auth provider (which stores the session only once the flow checked it), says who is signed in, and
 * shows a failure with a "Sign In with Access Token" button.
 */
import * as vscode from 'vscode';
import type { PelotonAuthProvider, SignInFlow } from '../auth/authProvider';
import { SignInError } from '../auth/signInFlow';
import { showPasswordSignInError } from '../auth/passwordSignInFlow';
import type { PelotonLog } from '../log';

/** The command id. */
export const SIGN_IN_WITH_PASSWORD_COMMAND = 'pelotonFtp.signInWithPassword';

/** Registers the command. */
export function registerPasswordSignInCommand(deps: { auth: PelotonAuthProvider; flow: SignInFlow; log: PelotonLog }): vscode.Disposable {
  return vscode.commands.registerCommand(SIGN_IN_WITH_PASSWORD_COMMAND, async () => {
    try {
      await deps.auth.signInWith(deps.flow);
      const username = deps.auth.current?.username ?? '';
      deps.log.info(`Signed in with email and password as ${username}`);
      void vscode.window.showInformationMessage(vscode.l10n.t('Signed in to Peloton as {0}', username));
    } catch (error) {
      if (error instanceof vscode.CancellationError) {
        deps.log.info('Password sign-in cancelled: nothing stored');
        return;
      }
      const message = error instanceof SignInError ? error.message : vscode.l10n.t('Sign-in failed: {0}', error instanceof Error ? error.name : 'error');
      void showPasswordSignInError(message);
    }
  });
}
