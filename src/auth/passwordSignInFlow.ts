/**
 * The sign-in flow behind "Peloton: Sign In with Email and Password": an email box (checked as an email), a password
 * box (`password: true`), then Peloton's hosted login (src/peloton/signIn/passwordLogin.ts) under a cancellable progress
 * notification, then GET /api/me with the new token. Only a token Peloton accepted becomes a session record; cancel
 * or failure stores nothing. The password is handed to the login once and dropped; log lines and messages of the
 * flow are searched for it (by fingerprint) and for tokens before they are written or shown; the email is never logged.
 */
import * as vscode from 'vscode';
import type { ExchangeRecord } from '../peloton/api/pelotonApi';
import { PelotonError, isAbortError } from '../peloton/api/errors';
import type { PasswordLoginOptions } from '../peloton/signIn/passwordLogin';
import { PasswordLoginError, type PasswordLoginStep } from '../peloton/signIn/passwordLoginErrors';
import { fingerprintSecret, redactFingerprint } from '../peloton/api/secretFingerprint';
import type { Credentials } from '../peloton/signIn/tokens';
import { passwordSignInMessage, userMessage } from '../l10n/errorMessages';
import { sessionRecordOf, type PelotonSessionRecord } from './sessionStore';
import { SignInError, type VerifyCredentials } from './signInFlow';

/** The command that pastes a token: offered beside every password sign-in error. */
export const TOKEN_SIGN_IN_COMMAND = 'pelotonFtp.signIn';

/**
 * Runs Peloton's hosted login: signInWithPassword on the SAME options object with the configured authBaseUrl added
 * (`Object.assign`, not a copy), so the login's blanking of `password` reaches the caller's object.
 */
export type PasswordLogin = (options: Omit<PasswordLoginOptions, 'authBaseUrl'>) => Promise<Credentials>;

/** What the flow needs. */
export interface PasswordSignInDeps {
  login: PasswordLogin;
  /** GET /api/me with the new token. */
  verify: VerifyCredentials;
  /** The extension's log: a line per exchange (method, path, status), and why a sign-in failed. */
  log: { exchange(record: ExchangeRecord): void; warn(message: string): void };
}

/** A password sign-in that failed; the message is user-facing and a token sign-in is worth offering. */
export class PasswordSignInError extends SignInError {}

/** Loose email check: something@something.tld, no spaces. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The progress line of each step. */
function stepMessage(step: PasswordLoginStep | 'account'): string {
  switch (step) {
    case 'authorize':
      return vscode.l10n.t('Opening the Peloton sign-in page…');
    case 'credentials':
      return vscode.l10n.t('Checking your email and password…');
    case 'callback':
      return vscode.l10n.t('Completing the sign-in…');
    case 'token':
      return vscode.l10n.t('Getting your tokens…');
    case 'account':
      return vscode.l10n.t('Reading your Peloton account…');
  }
}

/**
 * Asks for the email and password and signs in.
 * @returns the session record to store.
 * @throws {vscode.CancellationError} when the rider dismissed a box or cancelled the progress;
 *   {@link PasswordSignInError} with a user-facing message (never the password) otherwise.
 */
export async function runPasswordSignInFlow(deps: PasswordSignInDeps): Promise<PelotonSessionRecord> {
  const email = await vscode.window.showInputBox({
    title: vscode.l10n.t('Sign in to Peloton (1/2)'),
    prompt: vscode.l10n.t('The email address of your Peloton account.'),
    placeHolder: vscode.l10n.t('you@example.com'),
    ignoreFocusOut: true,
    validateInput: (text) => (!text.trim() || EMAIL.test(text.trim()) ? null : vscode.l10n.t('Enter an email address, like you@example.com.')),
  });
  if (email === undefined || !email.trim()) throw new vscode.CancellationError();
  let password = await vscode.window.showInputBox({
    title: vscode.l10n.t('Sign in to Peloton (2/2)'),
    prompt: vscode.l10n.t("Your Peloton password. It is sent once, to Peloton's sign-in server, and never stored."),
    password: true,
    ignoreFocusOut: true,
  });
  if (!password) throw new vscode.CancellationError();
  const fingerprint = fingerprintSecret(password);
  const clean = (text: string) => redactFingerprint(text, fingerprint);

  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Signing in to Peloton'), cancellable: true },
    async (progress, token) => {
      const controller = new AbortController();
      const subscription = token.onCancellationRequested(() => controller.abort());
      // One options object, handed on as is: the login blanks its password field once the password is sent.
      const options: Parameters<PasswordLogin>[0] = {
        email: email.trim(),
        password: password ?? '',
        signal: controller.signal,
        onStep: (step) => progress.report({ message: stepMessage(step) }),
        onExchange: (record) => deps.log.exchange({ ...record, path: clean(record.path) }),
      };
      password = undefined;
      try {
        const credentials = await deps.login(options);
        progress.report({ message: stepMessage('account') });
        const me = await deps.verify(credentials);
        if (controller.signal.aborted) throw new vscode.CancellationError();
        return sessionRecordOf(credentials, me);
      } catch (error) {
        if (error instanceof vscode.CancellationError || controller.signal.aborted || isAbortError(error)) throw new vscode.CancellationError();
        if (error instanceof PasswordLoginError) {
          deps.log.warn(clean(`Password sign-in failed: ${error.message}`));
          throw new PasswordSignInError(clean(passwordSignInMessage(error)));
        }
        if (error instanceof PelotonError) {
          deps.log.warn(clean(`Password sign-in failed: ${error.message}`));
          throw new PasswordSignInError(clean(vscode.l10n.t('Could not sign in to Peloton: {0}', userMessage(error))));
        }
        throw error;
      } finally {
        options.password = '';
        subscription.dispose();
      }
    },
  );
}

/** Shows a failed sign-in with a "Sign In with Access Token" button (which runs that command). */
export async function showPasswordSignInError(message: string): Promise<void> {
  const paste = vscode.l10n.t('Sign In with Access Token');
  const choice = await vscode.window.showErrorMessage(message, paste);
  if (choice === paste) await vscode.commands.executeCommand(TOKEN_SIGN_IN_COMMAND);
}
