/**
 * Fake Auth0 tokens for the fake Peloton API: JWTs shaped like Peloton's access tokens (RS256 header, Auth0 issuer and
 * audience) and the web app's localStorage record. The signature is made-up bytes: nothing here can be verified, and
 * nothing in the extension should try to (a client only reads a token's claims, e.g. `exp`).
 */
import { createHash } from 'node:crypto';
import { nowSeconds } from '../../src/shared/dates';

/** Lifetime of a Peloton access token: 48 hours, in seconds (POST auth.onepeloton.com/oauth/token `expires_in`: 172800). */
export const ACCESS_TOKEN_LIFETIME_SECONDS = 48 * 60 * 60;

/** Peloton's public Auth0 client id (the web app's). */
export const PELOTON_CLIENT_ID = 'WVoJxVDdPoFx4RNewvvg6ch2mZ7bwnsM';
/** The `iss` claim of Peloton access tokens. */
const PELOTON_ISSUER = 'https://auth.onepeloton.com/';
/** The `aud` of Peloton access tokens, also the `audience` of the web app's token record. */
const PELOTON_AUDIENCE = 'https://api.onepeloton.com/';
/** The `scope` the web app asks for. */
export const PELOTON_SCOPE = 'openid offline_access';
/** The `oauthTokenScope` the web app stores beside its tokens. */
export const PELOTON_OAUTH_TOKEN_SCOPE = 'openid offline_access peloton-api.members:default';
/** The localStorage key under which the web app keeps its tokens. */
export const LOCAL_STORAGE_KEY = `@@auth0spajs::${PELOTON_CLIENT_ID}::${PELOTON_AUDIENCE}::${PELOTON_SCOPE}`;

/** Claims of a fake access token. */
interface JwtClaimsInput {
  /** Subject: the Peloton user id. */
  sub: string;
  /** Expiry, Unix seconds. */
  exp: number;
  /** Issued-at, Unix seconds; defaults to now. */
  iat?: number;
  /** More claims, merged last (they may override the standard ones). */
  extra?: Record<string, unknown>;
}

/** Encodes a string or bytes as base64url without padding. */
function base64url(input: string | Buffer): string {
  return Buffer.from(input).toString('base64url');
}

/** 256 bytes (an RS256 signature's size) derived from the signed part, so the same claims give the same token. */
function fakeSignature(signingInput: string): string {
  const chunks: Buffer[] = [];
  for (let i = 0; i < 8; i++) chunks.push(createHash('sha256').update(`${i}:${signingInput}`).digest());
  return base64url(Buffer.concat(chunks));
}

/** Assembles header, payload and the fake signature. */
function assemble(payload: Record<string, unknown>): string {
  const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT' }));
  const body = base64url(JSON.stringify(payload));
  return `${header}.${body}.${fakeSignature(`${header}.${body}`)}`;
}

/**
 * A JWT shaped like a Peloton access token: header `{alg:'RS256',typ:'JWT'}`, payload
 * `{iss, aud:[api], sub, exp, iat, ...extra}` (times in Unix seconds), and a 342-character fake signature.
 */
export function makeJwt(claims: JwtClaimsInput): string {
  const iat = claims.iat ?? nowSeconds();
  return assemble({
    iss: PELOTON_ISSUER,
    aud: [PELOTON_AUDIENCE],
    sub: claims.sub,
    iat,
    exp: claims.exp,
    ...claims.extra,
  });
}

/** Like {@link makeJwt} but with no `exp` claim at all (a token whose expiry a client cannot read). */
export function makeJwtWithoutExp(claims: Omit<JwtClaimsInput, 'exp'>): string {
  const iat = claims.iat ?? nowSeconds();
  return assemble({ iss: PELOTON_ISSUER, aud: [PELOTON_AUDIENCE], sub: claims.sub, iat, ...claims.extra });
}

/**
 * The payload of a JWT as an object, or null when the token is not three dot-separated parts with a JSON object in
 * the middle. Does not verify anything.
 */
export function decodeJwtPayload(token: string): Record<string, unknown> | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** What the web app's localStorage record holds. */
interface LocalStorageValueInput {
  /** The access token (a JWT). */
  accessToken: string;
  /** The refresh token (`v1.…`). */
  refreshToken: string;
  /** When the access token expires, Unix seconds. */
  expiresAt: number;
  /** Defaults to {@link PELOTON_CLIENT_ID}. */
  clientId?: string;
}

/**
 * The JSON string the web app stores under {@link LOCAL_STORAGE_KEY}:
 * `{"body":{access_token, refresh_token, scope, expires_in:172800, token_type:'Bearer', audience, oauthTokenScope,
 * client_id}, "expiresAt": <Unix s>}` — what a user copies from the browser's developer tools.
 */
export function makeLocalStorageValue(input: LocalStorageValueInput): string {
  return JSON.stringify({
    body: {
      access_token: input.accessToken,
      refresh_token: input.refreshToken,
      scope: PELOTON_SCOPE,
      expires_in: ACCESS_TOKEN_LIFETIME_SECONDS,
      token_type: 'Bearer',
      audience: PELOTON_AUDIENCE,
      oauthTokenScope: PELOTON_OAUTH_TOKEN_SCOPE,
      client_id: input.clientId ?? PELOTON_CLIENT_ID,
    },
    expiresAt: input.expiresAt,
  });
}
