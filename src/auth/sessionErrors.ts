/**
 * Why the session cannot give an access token, as typed errors (plain, no `vscode`): the English message is for the
 * log; src/l10n/errorMessages.ts says it in the display language and src/auth/sessionNotices.ts offers the way out.
 */

/**
 * Why a session ended or is missing:
 * - `not-signed-in`: no session (never signed in, or signed out, here or in another window);
 * - `expired`: it ran out (an access token alone expired, or Peloton refused the refresh token);
 * - `refused-shared`: Peloton refused the refresh token of a pasted web-app value, whose token family the browser it
 *   was copied from shares: the browser has most likely renewed it first.
 */
export type SessionEndReason = 'not-signed-in' | 'expired' | 'refused-shared';

const ENGLISH: Record<SessionEndReason, string> = {
  'not-signed-in': 'You are not signed in to Peloton.',
  expired: 'Your Peloton session expired.',
  'refused-shared': 'Peloton refused to renew the session: the browser it was copied from has probably renewed it.',
};

/** The session can no longer be used: the rider must sign in again. */
export class SessionExpiredError extends Error {
  constructor(readonly reason: SessionEndReason = 'expired') {
    super(ENGLISH[reason]);
    this.name = 'SessionExpiredError';
  }
}

/**
 * Another VS Code window renewed the session after this window read it, and this window cannot read the renewed one
 * (code-server shares SecretStorage writes between windows only at a reload): its refresh token is retired and is
 * never presented, and its access token has expired (or was refused). A window reload reads the renewed session;
 * the session itself is fine and stays stored.
 */
export class SessionOutdatedError extends Error {
  constructor() {
    super('Another window renewed the Peloton session: this window must reload to use it.');
    this.name = 'SessionOutdatedError';
  }
}

/** Another window held the renewal lock (src/auth/renewalLock.ts) for longer than the wait: nothing was renewed. */
export class RenewalLockBusyError extends Error {
  /** @param waitedMs how long this window waited, milliseconds. */
  constructor(readonly waitedMs: number) {
    super(`Another VS Code window has been renewing the Peloton session for over ${Math.round(waitedMs / 1000)} s.`);
    this.name = 'RenewalLockBusyError';
  }
}
