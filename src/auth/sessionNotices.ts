/**
 * What the rider is told when the session cannot give an access token, and the way out each case offers: sign in
 * again (an expired session or another account's token), sign in with email and password first (a pasted web-app
 * session that its browser renewed), or reload the window (another window renewed the session and this one cannot
 * read it; the session is fine).
 */
import * as vscode from 'vscode';
import { COMMANDS } from '../ids';
import { userMessage } from '../l10n/errorMessages';
import { PelotonAuthError, WrongAccountError } from '../peloton/api/errors';
import { SessionExpiredError, SessionOutdatedError } from './sessionErrors';

/** VS Code's own command that reloads the window. */
const RELOAD_WINDOW = 'workbench.action.reloadWindow';

/** A button of the notice and the command it runs. */
interface Way {
  label: string;
  command: string;
}

/** The notice of a session problem: the view's line, the notification's text, and its buttons in order. */
interface SessionNotice {
  why: string;
  shown: string;
  ways: Way[];
}

/** The notice for `error`, or null when it is no session problem. @param kept the last good history stays on screen. */
function noticeOf(error: unknown, kept: boolean): SessionNotice | null {
  const signIn: Way = { label: vscode.l10n.t('Sign In'), command: COMMANDS.signIn };
  if (error instanceof SessionOutdatedError || (error instanceof SessionExpiredError && error.reason === 'refused-shared')) {
    const why = userMessage(error);
    const shown = kept ? vscode.l10n.t('{0} The last good history stays on screen.', why) : why;
    const ways: Way[] =
      error instanceof SessionOutdatedError
        ? [{ label: vscode.l10n.t('Reload Window'), command: RELOAD_WINDOW }, signIn]
        : [
            { label: vscode.l10n.t('Sign In with Email and Password'), command: COMMANDS.signInWithPassword },
            { label: vscode.l10n.t('Sign In with Access Token'), command: COMMANDS.signIn },
          ];
    return { why, shown, ways };
  }
  if (error instanceof WrongAccountError) {
    return {
      why: vscode.l10n.t('Peloton answered for another account than the one signed in: sign in again.'),
      shown: kept
        ? vscode.l10n.t('Peloton answered for another account than the one signed in: sign in again. The last good history stays on screen.')
        : vscode.l10n.t('Peloton answered for another account than the one signed in: sign in again.'),
      ways: [signIn],
    };
  }
  if (error instanceof SessionExpiredError || error instanceof PelotonAuthError) {
    return {
      why: vscode.l10n.t('Your Peloton session expired.'),
      shown: kept ? vscode.l10n.t('Your Peloton session expired. The last good history stays on screen.') : vscode.l10n.t('Your Peloton session expired.'),
      ways: [signIn],
    };
  }
  return null;
}

/**
 * Shows a session problem as a warning with its ways out (a button runs its command).
 * @param kept true when the last good history stays on screen (the message says so).
 * @returns the view's line for it, or null when `error` is no session problem (nothing was shown).
 */
export function showSessionProblem(error: unknown, kept: boolean): string | null {
  const notice = noticeOf(error, kept);
  if (!notice) return null;
  void vscode.window.showWarningMessage(notice.shown, ...notice.ways.map((w) => w.label)).then((choice) => {
    const way = notice.ways.find((w) => w.label === choice);
    if (way) void vscode.commands.executeCommand(way.command);
  });
  return notice.why;
}
