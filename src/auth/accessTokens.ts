/**
 * Keeps the access token good without ever presenting a refresh token twice, across every VS Code window of the
 * machine (Peloton's Auth0 rotates refresh tokens and takes a retired one presented again as theft: it revokes the
 * whole token family, signing every holder out; PELOTON_API.md, "Tokens"). The access token is renewed when within
 * 5 minutes of expiry or after a 401: one renewal at a time in this window (concurrent requests share it) and across
 * windows (the renewal lock, sharedSession.ts). Holding the lock it reads the stored session again and
 * - when another window already renewed it (desktop VS Code shares SecretStorage live), uses those tokens;
 * - when the session is of an older renewal generation than the one in force (another window renewed it, and this
 *   window cannot read the renewal: code-server), never presents its refresh token: it keeps using its access token
 *   while that lasts, then throws {@link SessionOutdatedError} (a window reload reads the renewed session); the
 *   stored session, which the other windows use, is left alone;
 * - otherwise presents the refresh token and stores the answer (a rotated refresh token replaces the old one) as the
 *   next generation.
 * When Peloton refuses the refresh token (`invalid_grant`) it reads the stored session again and signs out only when
 * no other window renewed it meanwhile; the stored FTP history is left alone. Plain Node (no `vscode`).
 */
import { TokenRefreshError } from '../peloton/api/errors';
import { nowSeconds } from '../shared/dates';
import type { Credentials } from '../peloton/signIn/tokens';
import { SessionExpiredError, SessionOutdatedError } from './sessionErrors';
import type { PelotonSessionRecord } from './sessionRecord';
import type { HeldSession, SharedSession } from './sharedSession';

/** Renew this many seconds before the access token's `exp`. */
export const REFRESH_MARGIN_SECONDS = 5 * 60;

/** Renews credentials from a refresh token (POST <auth>/oauth/token). */
export type RefreshGrant = (refreshToken: string) => Promise<Credentials>;

/** Hands out access tokens for the API client and renews them when needed. */
export class AccessTokens {
  private inFlight: Promise<void> | null = null;
  /**
   * The access token of the record last found outdated (another window renewed the session after this window read
   * it): the refresh token that came with it is never presented; the access token is used while it lasts.
   */
  private outdatedAccessToken: string | null = null;

  constructor(
    private readonly session: Pick<SharedSession, 'current' | 'underLock'>,
    private readonly refreshGrant: RefreshGrant,
    private readonly log: (message: string) => void = () => undefined,
  ) {}

  /**
   * The current access token, renewed first when within 5 minutes of expiry.
   * @throws {SessionExpiredError} when signed out, or expired with no way to renew; {@link SessionOutdatedError} when
   *   another window renewed the session, this window cannot read it, and its own access token has expired;
   *   `RenewalLockBusyError` when another window's renewal takes too long; the refresh grant's network errors.
   */
  async getAccessToken(): Promise<string> {
    const record = this.session.current;
    if (!record) throw new SessionExpiredError('not-signed-in');
    if (record.expiresAt - nowSeconds() > REFRESH_MARGIN_SECONDS) return record.accessToken;
    if (record.refreshToken && record.accessToken !== this.outdatedAccessToken) await this.renew(null);
    const now = this.session.current;
    if (!now) throw new SessionExpiredError('not-signed-in');
    if (now.expiresAt > nowSeconds()) return now.accessToken;
    throw now.accessToken === this.outdatedAccessToken ? new SessionOutdatedError() : new SessionExpiredError('expired');
  }

  /**
   * After a 401 with `refusedToken`: renews once when a refresh token is there (not again when another request or
   * window already renewed it). Resolves true when a newer access token is there, false when there is no way to one.
   * @throws {SessionExpiredError} when Peloton refused the refresh token (the session is then removed);
   *   {@link SessionOutdatedError} when the refused token is of a session another window renewed since.
   */
  async afterUnauthorized(refusedToken: string): Promise<boolean> {
    const record = this.session.current;
    if (record && record.accessToken !== refusedToken) return true; // renewed meanwhile by another request
    if (!record?.refreshToken) return false;
    if (record.accessToken !== this.outdatedAccessToken) await this.renew(refusedToken);
    const now = this.session.current;
    if (now && now.accessToken !== refusedToken) return true;
    if (now && now.accessToken === this.outdatedAccessToken) throw new SessionOutdatedError();
    return false;
  }

  /** One renewal at a time in this window; concurrent callers share it. */
  private renew(refusedToken: string | null): Promise<void> {
    this.inFlight ??= this.session.underLock((held) => this.renewHeld(held, refusedToken)).finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  /** The renewal, holding the lock of every window. */
  private async renewHeld(held: HeldSession, refusedToken: string | null): Promise<void> {
    const record = await held.reread();
    if (!record?.refreshToken) return; // signed out meanwhile (here or in another window), or nothing to renew with
    if (!held.isCurrent(record)) {
      this.outdatedAccessToken = record.accessToken;
      const when = held.inForce.changedAt === null ? '' : `, ${nowSeconds() - held.inForce.changedAt} s ago`;
      this.log(
        `Another window changed the Peloton session (generation ${held.inForce.generation}${when}) after this window read it (generation ${record.generation ?? 0}): ` +
          "this window's refresh token is not presented; its access token is used while it lasts, then a window reload reads the renewed session",
      );
      return;
    }
    const stillGood = refusedToken === null ? record.expiresAt - nowSeconds() > REFRESH_MARGIN_SECONDS : record.accessToken !== refusedToken;
    if (stillGood) {
      this.log('Another window already renewed the Peloton access token: using its tokens');
      return;
    }
    this.log(`Renewing the Peloton access token with the refresh token (generation ${held.inForce.generation})`);
    let credentials: Credentials;
    try {
      credentials = await this.refreshGrant(record.refreshToken);
    } catch (error) {
      if (error instanceof TokenRefreshError && error.oauthError !== null) return this.refused(held, record, error.oauthError);
      throw error;
    }
    await held.save({
      ...record,
      accessToken: credentials.accessToken,
      refreshToken: credentials.refreshToken ?? record.refreshToken,
      expiresAt: credentials.expiresAt,
    });
    this.log('Renewed the Peloton access token');
  }

  /**
   * Peloton refused `record`'s refresh token: reads the stored session again, and signs out unless another window
   * renewed it meanwhile. @throws {SessionExpiredError} when signed out (`refused-shared` for a pasted web-app value).
   */
  private async refused(held: HeldSession, record: PelotonSessionRecord, oauthError: string): Promise<void> {
    const again = await held.reread();
    if (again?.refreshToken && again.refreshToken !== record.refreshToken) {
      this.log(`Peloton refused the refresh token (${oauthError}), but the stored session was renewed meanwhile: using it`);
      return;
    }
    const shared = record.origin === 'web-app-value';
    this.log(
      `Peloton refused the refresh token (${oauthError})${shared ? ' of a pasted web-app session: its browser has probably renewed it' : ''}: ` +
        'signing out, the stored history is kept',
    );
    await held.signOut();
    throw new SessionExpiredError(shared ? 'refused-shared' : 'expired');
  }
}
