/**
 * The sign-in flow behind "Peloton: Sign In with Access Token": a password input box that accepts a
 * JWT, `Bearer <JWT>` or the web app's localStorage value (checked as the rider types, by tokens.ts),
 * then GET /api/me with the token. Only a token Peloton accepted becomes a session record.
 */
import { userMessage } from '../l10n/errorMessages';
import * as vscode from 'vscode';
import { PelotonAuthError, PelotonError } from '../peloton/api/errors';
import { parsePastedCredentials, type Credentials } from '../peloton/signIn/tokens';
import type { PelotonSessionRecord } from './sessionStore';
import { SignInError, type CheckCredentials } from './signInFlow';

/**
 * Asks for the token and checks it.
 * @returns the session record to store.
 * @throws {vscode.CancellationError} when the rider dismissed the input box;
 *   {@link SignInError} with a user-facing message when Peloton refused the token or could not be reached.
 */
export async function runTokenSignInFlow(check: CheckCredentials): Promise<PelotonSessionRecord> {
  const pasted = await vscode.window.showInputBox({
    title: vscode.l10n.t('Sign in to Peloton'),
    prompt: vscode.l10n.t(
      'Paste your Peloton access token. In a browser signed in to members.onepeloton.com open the developer tools → Application → Local Storage → https://members.onepeloton.com, and copy the value of the key starting with "@@auth0spajs::" (the whole value, or just its access_token).',
    ),
    placeHolder: vscode.l10n.t('eyJ… or Bearer eyJ… or {"body":{"access_token":…}}'),
    password: true,
    ignoreFocusOut: true,
    validateInput: (text) => {
      if (!text.trim()) return null;
      try {
        parsePastedCredentials(text);
        return null;
      } catch (error) {
        return userMessage(error);
      }
    },
  });
  if (pasted === undefined) throw new vscode.CancellationError();
  let credentials: Credentials;
  try {
    credentials = parsePastedCredentials(pasted);
  } catch (error) {
    throw new SignInError(userMessage(error), error instanceof Error ? error.message : String(error));
  }
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Checking the token with Peloton…') },
    async () => {
      try {
        return await check(credentials);
      } catch (error) {
        if (error instanceof PelotonAuthError) {
          throw new SignInError(vscode.l10n.t('Peloton refused this token ({0}). Copy a fresh one and try again.', error.endpoint), error.message);
        }
        if (error instanceof PelotonError) throw new SignInError(vscode.l10n.t('Could not check the token: {0}', userMessage(error)), error.message);
        throw error;
      }
    },
  );
}

