/**
 * The fake's token book: the access tokens (JWTs) and refresh tokens it has issued, which are still good, and the
 * check of a request's bearer token.
 */
import type { IncomingMessage } from 'node:http';
import { randomBytes } from 'node:crypto';
import { fakeId } from './dataset';
import { nowSeconds } from '../../src/shared/dates';
import { decodeJwtPayload, makeJwt } from './jwt';

/** Access and refresh tokens issued for one rider (the `sub` of every JWT is read from `userId()` when minting). */
export class TokenBook {
  private readonly access = new Set<string>();
  private readonly refresh = new Set<string>();
  private serial = 0;
  /** The most recently minted access token. */
  currentAccess = '';
  /** The most recently minted refresh token. */
  currentRefresh = '';

  /**
   * @param userId the rider's user id, read at each mint (the served rider may change).
   * @param defaultTtl lifetime of an access token unless told otherwise, seconds.
   */
  constructor(
    private readonly userId: () => string,
    readonly defaultTtl: number,
  ) {}

  /** Mints a valid access token (`exp` = now + ttl seconds; a negative ttl gives an expired one). */
  mintAccess(ttl = this.defaultTtl): string {
    const now = nowSeconds();
    // The jti keeps two tokens minted in the same second distinct.
    const jti = fakeId(`jti:${++this.serial}:${Date.now()}:${Math.random()}`);
    const token = makeJwt({ sub: this.userId(), iat: now, exp: now + ttl, extra: { jti } });
    this.access.add(token);
    this.currentAccess = token;
    return token;
  }

  /** Mints a valid refresh token ('v1.' + 48 random bytes, base64url). */
  mintRefresh(): string {
    const token = `v1.${randomBytes(48).toString('base64url')}`;
    this.refresh.add(token);
    this.currentRefresh = token;
    return token;
  }

  /** Accepts an access token the fake did not mint; its `exp`, if any, still applies. */
  acceptAccess(token: string): void {
    this.access.add(token);
  }

  /** True when the refresh token was issued and not retired or revoked. */
  isRefreshValid(token: string): boolean {
    return this.refresh.has(token);
  }

  /** Retires a refresh token (after rotation). */
  retireRefresh(token: string): void {
    this.refresh.delete(token);
  }

  /** Invalidates every access token; with `alsoRefresh`, every refresh token too. */
  revoke(alsoRefresh: boolean): void {
    this.access.clear();
    if (alsoRefresh) this.refresh.clear();
  }

  /** True when the request carries a bearer token this book issued or accepted, not revoked and not expired. */
  authorizes(req: IncomingMessage): boolean {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    if (!m || !this.access.has(m[1])) return false;
    const exp = decodeJwtPayload(m[1])?.exp;
    return typeof exp !== 'number' || exp > Date.now() / 1000;
  }
}
