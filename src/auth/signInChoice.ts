/**
 * What VS Code's Accounts menu asks first when it wants a Peloton session: sign in with email and password, or
 * paste an access token.
 */
import * as vscode from 'vscode';

/** The two ways to sign in. */
export type SignInWay = 'password' | 'token';

/**
 * Asks which way to sign in.
 * @throws {vscode.CancellationError} when the rider dismissed the pick.
 */
export async function chooseSignInWay(): Promise<SignInWay> {
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
  return picked === token ? 'token' : 'password';
}
