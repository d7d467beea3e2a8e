/**
 * What every sign-in flow (access token, email and password) shares: the check it is handed, and the error it throws.
 * The flows only ask and check; src/auth/signIn.ts stores, says and shows.
 */
import type { Credentials } from '../peloton/signIn/tokens';
import type { PelotonSessionRecord } from './sessionStore';

/**
 * Checks credentials with GET /api/me (an API client on their access token) and builds the session record from the
 * answer. @throws what the API client throws (`PelotonAuthError` when Peloton refuses the token, …).
 */
export type CheckCredentials = (credentials: Credentials) => Promise<PelotonSessionRecord>;

/** A sign-in that failed for a reason the rider should read; nothing was stored. */
export class SignInError extends Error {
  /**
   * @param message user-facing, in the display language; never a password or a token.
   * @param detail the cause in English for the log (never a password or a token); the message when absent.
   */
  constructor(
    message: string,
    readonly detail = message,
  ) {
    super(message);
    this.name = 'SignInError';
  }
}
