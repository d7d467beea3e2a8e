/**
 * Auth0's token endpoint, POST <authBaseUrl>/oauth/token (PELOTON_API.md, "Tokens"): the one reader of its answer,
 * for every grant (the refresh grant here, the authorization-code grant of the password login), and the refresh grant.
 */
import type { Dispatcher } from 'undici';
import * as z from 'zod';
import { TokenRefreshError } from '../api/errors';
import { sendRequest, type HttpResponse } from '../api/http';
import { USER_AGENT } from '../api/pelotonApi';
import { stripBom } from '../api/schemas';
import { nowSeconds } from '../../shared/dates';
import { PELOTON_CLIENT_ID, accessTokenExpiry, type Credentials } from './tokens';

/**
 * The token answer: `expires_in` in seconds (172800 for 48 h); `refresh_token` when the grant hands one out (the
 * authorization-code grant with `offline_access`; the refresh grant only when Auth0 rotates it).
 */
export const tokenResponseSchema = z.looseObject({
  access_token: z.string().min(1),
  expires_in: z.number().positive(),
  token_type: z.string(),
  scope: z.string().optional(),
  id_token: z.string().optional(),
  refresh_token: z.string().min(1).optional(),
});

/** The OAuth error shape of a refusal: `{"error":"invalid_grant","error_description":"…"}`. */
const oauthErrorSchema = z.looseObject({
  error: z.string(),
  error_description: z.string().optional(),
});

/**
 * What the token endpoint answered:
 * - `credentials`: a 2xx with a token (`expiresAt` in Unix seconds, from the access token's `exp`, else now + `expires_in`);
 * - `refused`: any other status; `oauthError` and `description` are the OAuth body's `error` and
 *   `error_description` (as sent: the caller decides what is safe to show), null when the body had none;
 * - `unexpected-body`: a 2xx whose body is not a token answer.
 */
export type TokenAnswer =
  | { kind: 'credentials'; credentials: Credentials }
  | { kind: 'refused'; status: number; oauthError: string | null; description: string | null }
  | { kind: 'unexpected-body'; status: number };

/**
 * Reads an answer of POST /oauth/token. Never throws.
 * @param now Unix seconds, for the expiry.
 */
export function readTokenAnswer(res: Pick<HttpResponse, 'status' | 'text'>, now = nowSeconds()): TokenAnswer {
  let json: unknown = null;
  try {
    json = JSON.parse(stripBom(res.text));
  } catch {
    // not JSON: a refusal without an OAuth body, or an unexpected body
  }
  if (res.status < 200 || res.status >= 300) {
    const oauth = oauthErrorSchema.safeParse(json);
    return {
      kind: 'refused',
      status: res.status,
      oauthError: oauth.success ? oauth.data.error : null,
      description: (oauth.success && oauth.data.error_description) || null,
    };
  }
  const parsed = tokenResponseSchema.safeParse(json);
  if (!parsed.success) return { kind: 'unexpected-body', status: res.status };
  const token = parsed.data;
  let expiresAt: number;
  try {
    expiresAt = accessTokenExpiry(token.access_token, now);
  } catch {
    expiresAt = now + token.expires_in;
  }
  return {
    kind: 'credentials',
    credentials: token.refresh_token
      ? { accessToken: token.access_token, refreshToken: token.refresh_token, expiresAt }
      : { accessToken: token.access_token, expiresAt },
  };
}

/** How to call the refresh grant. */
export interface RefreshOptions {
  /** e.g. `https://auth.onepeloton.com`. */
  authBaseUrl: string;
  refreshToken: string;
  dispatcher?: Dispatcher;
  signal?: AbortSignal;
  timeoutMs?: number;
}

/**
 * Exchanges a refresh token for a new access token: POST <authBaseUrl>/oauth/token, form-encoded
 * `grant_type=refresh_token&client_id=<PELOTON_CLIENT_ID>&refresh_token=…`.
 * @returns credentials with `expiresAt` from the new token's `exp` (or now + `expires_in`), and the new refresh token
 *   when the answer carries one (rotation), the old one otherwise.
 * @throws {TokenRefreshError} with `oauthError` `invalid_grant` when the refresh token is no longer good,
 *   or another reason; `PelotonNetworkError` when the auth server cannot be reached.
 */
export async function refreshAccessToken(options: RefreshOptions): Promise<Credentials> {
  const res = await sendRequest({
    method: 'POST',
    url: new URL('/oauth/token', options.authBaseUrl).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': USER_AGENT, accept: 'application/json' },
    body: new URLSearchParams({ grant_type: 'refresh_token', client_id: PELOTON_CLIENT_ID, refresh_token: options.refreshToken }).toString(),
    signal: options.signal,
    dispatcher: options.dispatcher,
    timeoutMs: options.timeoutMs,
  });
  const answer = readTokenAnswer(res);
  if (answer.kind === 'refused') {
    const code = answer.oauthError;
    const description = answer.description ? `: ${answer.description}` : '';
    throw new TokenRefreshError(code, `Peloton refused to renew the session (HTTP ${answer.status}${code ? `, ${code}` : ''}${description})`);
  }
  if (answer.kind === 'unexpected-body') throw new TokenRefreshError(null, 'The Peloton sign-in server answered the refresh with an unexpected body.');
  // The refresh grant may answer without a refresh_token (no rotation): the old one stays good.
  return { ...answer.credentials, refreshToken: answer.credentials.refreshToken ?? options.refreshToken };
}
