/**
 * What VS Code's Accounts menu runs when it asks the Peloton provider for a session: a quick pick between
 * signing in with email and password and pasting an access token, then that flow.
 */
import * as vscode from 'vscode';
import type { SignInFlow } from './authProvider';
import { PasswordSignInError, showPasswordSignInError } from './passwordSignInFlow';

/** The two ways to sign in. */
export interface SignInFlows {
  password: SignInFlow;
  token: SignInFlow;
}

/**
 * A sign-in flow that asks which way first.
 * Says "Signed in to Peloton as <username>" once the chosen flow returns a session.
 * @throws {vscode.CancellationError} when the rider dismissed the pick (or a failed password sign-in was shown
 *   with its "Sign In with Access Token" button); the chosen flow's errors otherwise.
 */
export function chooseSignInFlow(flows: SignInFlows): SignInFlow {
  return async () => {
    const password: vscode.QuickPickItem = {
      label: `$(mail) ${vscode.l10n.t('Email and Password')}`,
      detail: vscode.l10n.t('Sign in with your Peloton email and password.'),
    };
    const token: vscode.QuickPickItem = {
      label: `$(key) ${vscode.l10n.t('Access Token')}`,
      detail: vscode.l10n.t('Paste a token copied from the Peloton web app.'),
    };
    const picked = await vscode.window.showQuickPick([password, token], {
      title: vscode.l10n.t('Sign in to Peloton'),
      placeHolder: vscode.l10n.t('How do you want to sign in?'),
      ignoreFocusOut: true,
    });
    if (!picked) throw new vscode.CancellationError();
    try {
      const record = await (picked === token ? flows.token() : flows.password());
      void vscode.window.showInformationMessage(vscode.l10n.t('Signed in to Peloton as {0}', record.username));
      return record;
    } catch (error) {
      if (!(error instanceof PasswordSignInError)) throw error;
      void showPasswordSignInError(error.message);
      throw new vscode.CancellationError();
    }
  };
}
