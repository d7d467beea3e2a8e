/**
 * The typed failures of the email-and-password sign-in (Peloton's hosted Auth0 login replayed with PKCE).
 * A message names the step and the HTTP status, never the email, the password, a cookie or a code.
 */
import { PelotonError } from '../api/errors';

/** The four steps of the hosted login (PELOTON_API.md, "Tokens"). */
export type PasswordLoginStep = 'authorize' | 'credentials' | 'callback' | 'token';

/**
 * Why a password sign-in failed:
 * - `wrong-credentials`: Auth0 400 `invalid_user_password` ("Wrong email or password.");
 * - `too-many-attempts`: Auth0 429 `too_many_attempts` (the account is blocked for a while after repeated
 *   failures), or any 429 on the way;
 * - `blocked`: Auth0 401 `unauthorized` (a blocked user);
 * - `automation-refused`: the login page changed or bot protection answered (no `_csrf` cookie, no form, an HTML
 *   challenge, a 403, an unexpected redirect or state, a refused code);
 * - `server-error`: the sign-in server answered 5xx;
 * - `network`: no answer (refused, reset, DNS, or a step that took too long).
 */
export type PasswordLoginFailure = 'wrong-credentials' | 'too-many-attempts' | 'blocked' | 'automation-refused' | 'server-error' | 'network';

/** A password sign-in that failed; nothing was stored. `status` is the HTTP status when there was one. */
export class PasswordLoginError extends PelotonError {
  constructor(
    readonly kind: PasswordLoginFailure,
    readonly step: PasswordLoginStep,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}
