/**
 * The fake's token book: the access tokens (JWTs) and refresh tokens it has issued, which are still good, and the
 * check of a request's bearer token.
 *
 * Refresh tokens live in families, as under Auth0's Refresh Token Rotation (PELOTON_API.md, "Tokens"; Auth0 docs
 * "Configure Refresh Token Rotation"): each sign-in starts a family (the server's startup token: the web app's
 * session that a user pastes; each hosted PKCE login; each {@link TokenBook.mintRefresh} call), and each refresh
 * grant with rotation answers a new token of the same family and retires the one presented. A retired token
 * presented again after the reuse interval (default 0 ms) is taken as theft: the whole family is revoked, and every
 * token of it is refused from then on (403 `invalid_grant`). Access tokens already issued stay valid until they
 * expire (they are self-contained JWTs: Auth0 cannot recall them).
 */
import type { IncomingMessage } from 'node:http';
import { randomBytes } from 'node:crypto';
import { fakeId } from './dataset';
import { nowSeconds } from '../../src/shared/dates';
import { decodeJwtPayload, makeJwt } from './jwt';

/** Where a refresh-token family began: the server's startup token, a hosted (PKCE) login, or a test's mint. */
export type RefreshFamilyOrigin = 'startup' | 'authorization_code' | 'issued';

/** A snapshot of one refresh-token family: every refresh token descended from one sign-in. */
export interface RefreshFamily {
  /** 1, 2, … in the order the families began. */
  readonly id: number;
  readonly origin: RefreshFamilyOrigin;
  /** Its refresh tokens in the order they were minted (the last is the live one unless the family is revoked). */
  readonly tokens: readonly string[];
  /** Why it was revoked: 'reuse' (a retired token was presented again), 'revokeAll' (a test's call), or null. */
  readonly revoked: 'reuse' | 'revokeAll' | null;
  /** The retired token whose second presentation revoked the family, or null. */
  readonly reusedToken: string | null;
}

/** How a refresh grant is decided. */
interface RefreshPolicy {
  /** Answer a new refresh token and retire the one presented. */
  rotate: boolean;
  /** A retired token presented again within this many milliseconds of its retirement is not reuse: it gets the same successor. */
  reuseIntervalMs: number;
}

/** The outcome of a refresh grant: the new refresh token (null without rotation), or why it was refused. */
export type RefreshOutcome = { ok: true; refreshToken: string | null } | { ok: false; reason: 'unknown' | 'revoked' | 'reused' };

interface FamilyRecord {
  id: number;
  origin: RefreshFamilyOrigin;
  tokens: string[];
  revoked: RefreshFamily['revoked'];
  reusedToken: string | null;
}

interface RefreshRecord {
  family: FamilyRecord;
  /** When it was retired by rotation (Date.now() ms), or null while live. */
  retiredAt: number | null;
  /** The token minted when it was rotated. */
  successor: string | null;
}

/** Access and refresh tokens issued for one rider (the `sub` of every JWT is read from `userId()` when minting). */
export class TokenBook {
  private readonly access = new Set<string>();
  private readonly refresh = new Map<string, RefreshRecord>();
  private readonly families: FamilyRecord[] = [];
  private readonly presented = new Map<string, number>();
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

  /** Mints a valid refresh token ('v1.' + 48 random bytes, base64url) that starts a family of its own (a sign-in). */
  mintRefresh(origin: RefreshFamilyOrigin = 'issued'): string {
    const family: FamilyRecord = { id: this.families.length + 1, origin, tokens: [], revoked: null, reusedToken: null };
    this.families.push(family);
    return this.mintInFamily(family);
  }

  private mintInFamily(family: FamilyRecord): string {
    const token = `v1.${randomBytes(48).toString('base64url')}`;
    family.tokens.push(token);
    this.refresh.set(token, { family, retiredAt: null, successor: null });
    this.currentRefresh = token;
    return token;
  }

  /** Accepts an access token the fake did not mint; its `exp`, if any, still applies. */
  acceptAccess(token: string): void {
    this.access.add(token);
  }

  /** True when the refresh token was issued, is not retired, and its family is not revoked. */
  isRefreshValid(token: string): boolean {
    const rec = this.refresh.get(token);
    return rec !== undefined && rec.retiredAt === null && rec.family.revoked === null;
  }

  /**
   * Decides a refresh grant that presents `token` (and counts the presentation): an unknown token or one of a
   * revoked family is refused; a retired one revokes its family (unless within the reuse interval: then it gets the
   * successor it got before); a live one is rotated (a new token of its family; the presented one retired) or, with
   * `rotate` off, kept.
   */
  redeemRefresh(token: string, policy: RefreshPolicy): RefreshOutcome {
    this.presented.set(token, (this.presented.get(token) ?? 0) + 1);
    const rec = this.refresh.get(token);
    if (!rec) return { ok: false, reason: 'unknown' };
    if (rec.family.revoked !== null) return { ok: false, reason: 'revoked' };
    if (rec.retiredAt !== null) {
      const withinInterval = policy.reuseIntervalMs > 0 && Date.now() - rec.retiredAt <= policy.reuseIntervalMs;
      if (withinInterval && rec.successor !== null) return { ok: true, refreshToken: rec.successor };
      rec.family.revoked = 'reuse';
      rec.family.reusedToken = token;
      return { ok: false, reason: 'reused' };
    }
    if (!policy.rotate) return { ok: true, refreshToken: null };
    rec.retiredAt = Date.now();
    rec.successor = this.mintInFamily(rec.family);
    return { ok: true, refreshToken: rec.successor };
  }

  /** How many refresh grants presented `token` (whatever they answered); 0 for a token never presented. */
  presentations(token: string): number {
    return this.presented.get(token) ?? 0;
  }

  /** Every refresh token presented so far with how many times, in first-presented order. */
  allPresentations(): ReadonlyMap<string, number> {
    return new Map(this.presented);
  }

  /** Snapshots of every refresh-token family, oldest first. */
  familySnapshots(): RefreshFamily[] {
    return this.families.map((f) => ({ id: f.id, origin: f.origin, tokens: [...f.tokens], revoked: f.revoked, reusedToken: f.reusedToken }));
  }

  /** Invalidates every access token; with `alsoRefresh`, every refresh token too (their families count as revoked). */
  revoke(alsoRefresh: boolean): void {
    this.access.clear();
    if (!alsoRefresh) return;
    for (const family of this.families) family.revoked ??= 'revokeAll';
  }

  /** True when the request carries a bearer token this book issued or accepted, not revoked and not expired. */
  authorizes(req: IncomingMessage): boolean {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    if (!m || !this.access.has(m[1])) return false;
    const exp = decodeJwtPayload(m[1])?.exp;
    return typeof exp !== 'number' || exp > Date.now() / 1000;
  }
}
