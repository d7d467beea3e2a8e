/**
 * Peloton credentials: what a rider pastes (a raw JWT access token, `Bearer <JWT>`, or the web app's
 * whole localStorage value) turned into {@link Credentials}, and the access token's expiry. The token
 * endpoint's answers are read by oauthToken.ts.
 */
import { TokenFormatError } from '../api/errors';
import { nowSeconds, utcDateTime } from '../../shared/dates';
import { jwtPayloadSchema, localStorageEntrySchema, stripBom, type JwtPayload } from '../api/schemas';

/** Peloton web app's Auth0 client id (PELOTON_API.md, "Tokens"). */
export const PELOTON_CLIENT_ID = 'WVoJxVDdPoFx4RNewvvg6ch2mZ7bwnsM';
/** The localStorage key under which the web app keeps its tokens (members.onepeloton.com). */
export const LOCAL_STORAGE_KEY = `@@auth0spajs::${PELOTON_CLIENT_ID}::https://api.onepeloton.com/::openid offline_access`;

/** A rider's credentials. `expiresAt` is the access token's expiry in Unix seconds (from its `exp` claim). */
export interface Credentials {
  accessToken: string;
  /** Opaque, starts with `v1.`; absent when the rider pasted only an access token. */
  refreshToken?: string;
  /** Unix seconds. */
  expiresAt: number;
}

const JWT_PATTERN = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

const EXPECTED =
  'Paste the access token (a JWT: three dot-separated parts starting with "eyJ"), "Bearer <token>", or the whole value of the ' +
  `localStorage entry "${LOCAL_STORAGE_KEY}" from members.onepeloton.com.`;

/**
 * Decodes a JWT's payload WITHOUT verifying its signature: Peloton's signing keys are not something an
 * extension can check offline, so the payload is only read for `exp`; the API's answer to GET /api/me is
 * what proves the token good.
 * @throws {TokenFormatError} when the text is not three base64url parts with a JSON object in the middle.
 */
export function decodeJwtPayload(jwt: string): JwtPayload {
  if (!JWT_PATTERN.test(jwt)) throw new TokenFormatError('not-jwt', `That is not a JWT. ${EXPECTED}`);
  const part = jwt.split('.')[1] ?? '';
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    throw new TokenFormatError('payload-unreadable', `The token's payload could not be read. ${EXPECTED}`);
  }
  const parsed = jwtPayloadSchema.safeParse(json);
  if (!parsed.success || typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new TokenFormatError('payload-not-object', `The token's payload is not a JSON object with numeric claims. ${EXPECTED}`);
  }
  return parsed.data;
}

/**
 * Reads the expiry (`exp`, Unix seconds) of an access token and refuses tokens that have none or have expired.
 * @throws {TokenFormatError} on a malformed token, a missing `exp`, or `exp` ≤ `now`.
 */
export function accessTokenExpiry(jwt: string, now = nowSeconds()): number {
  const payload = decodeJwtPayload(jwt);
  if (payload.exp === undefined) {
    throw new TokenFormatError('no-expiry', 'This token has no expiry ("exp" claim), so it is not a Peloton access token. ' + EXPECTED);
  }
  if (payload.exp <= now) {
    const when = utcDateTime(payload.exp);
    throw new TokenFormatError(
      'expired',
      `This access token expired on ${when} UTC. Sign in to members.onepeloton.com again and copy a fresh token.`,
      { expiredAt: payload.exp },
    );
  }
  return payload.exp;
}

/**
 * Turns what a rider pasted into credentials, refusing anything else before it is stored.
 * Accepted: a raw JWT access token; `Bearer <JWT>`; the web app's localStorage JSON value
 * (`{"body":{"access_token":…,"refresh_token":…,"client_id":…},"expiresAt":…}`), optionally with
 * the surrounding quotes or the key the developer tools show. Whitespace and a byte-order mark are ignored.
 * @param now Unix seconds, for the expiry check.
 * @throws {TokenFormatError} saying what was expected, for garbage, a JWT without `exp`, an expired
 *   token, or a localStorage value of another Auth0 client.
 */
export function parsePastedCredentials(pasted: string, now = nowSeconds()): Credentials {
  const text = stripBom(pasted).trim();
  if (text.length === 0) throw new TokenFormatError('empty', `Nothing was pasted. ${EXPECTED}`);
  const json = extractJson(text);
  if (json !== null) return fromLocalStorage(json, now);
  const jwt = text.replace(/^bearer\s+/i, '').trim();
  if (!JWT_PATTERN.test(jwt) || !jwt.startsWith('eyJ')) {
    throw new TokenFormatError('not-token', `That is not a Peloton access token. ${EXPECTED}`);
  }
  return { accessToken: jwt, expiresAt: accessTokenExpiry(jwt, now) };
}

/** The JSON object in `text`, or null when it is not JSON-looking; handles a quoted value and a `key: value` line. */
function extractJson(text: string): unknown {
  let candidate = text;
  const brace = candidate.indexOf('{');
  if (brace < 0) return null;
  if (brace > 0) candidate = candidate.slice(brace);
  if (candidate.endsWith('"')) candidate = candidate.slice(0, -1);
  try {
    const value: unknown = JSON.parse(candidate);
    return typeof value === 'string' ? JSON.parse(value) : value;
  } catch {
    try {
      // the value copied as a JSON string literal: "{\"body\":…}"
      const value: unknown = JSON.parse(text.slice(text.indexOf('"')));
      if (typeof value === 'string') return JSON.parse(value);
    } catch {
      // fall through
    }
    throw new TokenFormatError('json-unreadable', `That looks like JSON but could not be read. ${EXPECTED}`);
  }
}

function fromLocalStorage(json: unknown, now: number): Credentials {
  const parsed = localStorageEntrySchema.safeParse(json);
  if (!parsed.success) {
    throw new TokenFormatError('not-token-entry', `That JSON is not the web app's token entry (no body.access_token). ${EXPECTED}`);
  }
  const { body } = parsed.data;
  if (body.client_id !== undefined && body.client_id !== PELOTON_CLIENT_ID) {
    throw new TokenFormatError(
      'other-client',
      `That entry belongs to another application (client id ${body.client_id}); copy the entry whose key is "${LOCAL_STORAGE_KEY}".`,
      { clientId: body.client_id },
    );
  }
  const expiresAt = accessTokenExpiry(body.access_token, now);
  return body.refresh_token
    ? { accessToken: body.access_token, refreshToken: body.refresh_token, expiresAt }
    : { accessToken: body.access_token, expiresAt };
}
