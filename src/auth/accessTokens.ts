/**
 * Keeps the access token good: renews it with the refresh token when it is within 5 minutes of expiry
 * or after a 401 (at most one renewal at a time, shared by concurrent requests), stores the renewed
 * tokens (a rotated refresh token replaces the old one), and signs out cleanly when Peloton refuses the
 * refresh token (`invalid_grant`), leaving the stored FTP history alone.
 */
import { TokenRefreshError } from '../peloton/api/errors';
import { nowSeconds } from '../shared/dates';
import type { Credentials } from '../peloton/signIn/tokens';
import type { PelotonAuthProvider } from './authProvider';

/** Renew this many seconds before the access token's `exp`. */
export const REFRESH_MARGIN_SECONDS = 5 * 60;

/** The session can no longer be used: the rider must sign in again. The message is user-facing. */
export class SessionExpiredError extends Error {
  /** @param signedOut true when there was no session at all (not signed in), false when it ran out. */
  constructor(readonly signedOut = false) {
    super(signedOut ? 'You are not signed in to Peloton.' : 'Your Peloton session expired.');
    this.name = 'SessionExpiredError';
  }
}

/** Renews credentials from a refresh token (POST <auth>/oauth/token). */
export type RefreshGrant = (refreshToken: string) => Promise<Credentials>;

/** Hands out access tokens for the API client and renews them when needed. */
export class AccessTokens {
  private inFlight: Promise<void> | null = null;

  constructor(
    private readonly auth: PelotonAuthProvider,
    private readonly refreshGrant: RefreshGrant,
    private readonly log: (message: string) => void = () => undefined,
  ) {}

  /**
   * The current access token, renewed first when within 5 minutes of expiry.
   * @throws {SessionExpiredError} when signed out, or expired with no way to renew.
   */
  async getAccessToken(): Promise<string> {
    const record = this.auth.current;
    if (!record) throw new SessionExpiredError(true);
    if (record.expiresAt - nowSeconds() > REFRESH_MARGIN_SECONDS) return record.accessToken;
    if (!record.refreshToken) {
      if (record.expiresAt > nowSeconds()) return record.accessToken;
      throw new SessionExpiredError();
    }
    await this.renew();
    const renewed = this.auth.current;
    if (!renewed) throw new SessionExpiredError();
    return renewed.accessToken;
  }

  /**
   * After a 401 with `refusedToken`: renews once when a refresh token is there (not again when another
   * request already renewed it). Resolves true when a new token is stored.
   * @throws {SessionExpiredError} when Peloton refused the refresh token (the session is then removed).
   */
  async afterUnauthorized(refusedToken: string): Promise<boolean> {
    const record = this.auth.current;
    if (record && record.accessToken !== refusedToken) return true; // renewed meanwhile by another request
    if (!record?.refreshToken) return false;
    await this.renew();
    return true;
  }

  /** One renewal at a time; concurrent callers share it. */
  private renew(): Promise<void> {
    this.inFlight ??= this.doRenew().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  private async doRenew(): Promise<void> {
    const record = this.auth.current;
    if (!record?.refreshToken) throw new SessionExpiredError();
    this.log('Renewing the Peloton access token with the refresh token');
    let credentials: Credentials;
    try {
      credentials = await this.refreshGrant(record.refreshToken);
    } catch (error) {
      if (error instanceof TokenRefreshError && error.oauthError !== null) {
        this.log(`Peloton refused the refresh token (${error.oauthError}): signing out, the stored history is kept`);
        await this.auth.signOut();
        throw new SessionExpiredError();
      }
      throw error;
    }
    await this.auth.save({
      ...record,
      accessToken: credentials.accessToken,
      refreshToken: credentials.refreshToken ?? record.refreshToken,
      expiresAt: credentials.expiresAt,
    });
    this.log('Renewed the Peloton access token');
  }
}
