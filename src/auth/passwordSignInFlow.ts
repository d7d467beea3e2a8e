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
import type { PelotonSessionRecord } from './sessionStore';
import { SignInError, type CheckCredentials } from './signInFlow';

/**
 * Runs Peloton's hosted login: signInWithPassword on the SAME options object with the configured authBaseUrl added
 * (`Object.assign`, not a copy), so the login's blanking of `password` reaches the caller's object.
 */
export type PasswordLogin = (options: Omit<PasswordLoginOptions, 'authBaseUrl'>) => Promise<Credentials>;

/** What the flow needs. */
export interface PasswordSignInDeps {
  login: PasswordLogin;
  check: CheckCredentials;
  /** The extension's log: a line per exchange (method, path, status). */
  log: { exchange(record: ExchangeRecord): void };
}

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
 *   {@link SignInError} with a user-facing message and a detail for the log (neither holds the password) otherwise.
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
        const record = await deps.check(credentials);
        if (controller.signal.aborted) throw new vscode.CancellationError();
        return record;
      } catch (error) {
        if (error instanceof vscode.CancellationError || controller.signal.aborted || isAbortError(error)) throw new vscode.CancellationError();
        throw failure(error, clean);
      } finally {
        options.password = '';
        subscription.dispose();
      }
    },
  );
}

/** Why a password sign-in failed, as a {@link SignInError}: the message and the detail both cleaned of the password. */
function failure(error: unknown, clean: (text: string) => string): SignInError {
  if (error instanceof PasswordLoginError) return new SignInError(clean(passwordSignInMessage(error)), clean(error.message));
  if (error instanceof PelotonError) {
    return new SignInError(clean(vscode.l10n.t('Could not sign in to Peloton: {0}', userMessage(error))), clean(error.message));
  }
  // Only the name: an unexpected error's message is not known to be free of what the rider typed (email, password).
  const name = error instanceof Error ? error.name : 'error';
  return new SignInError(vscode.l10n.t('Sign-in failed: {0}', name), name);
}
