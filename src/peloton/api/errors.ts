/**
 * The typed errors of the Peloton domain. Every error the domain throws is one of these (or an
 * `AbortError` when the caller cancels), so callers can tell a rider what went wrong and what to do.
 * No message ever carries an access or refresh token: URLs and Peloton's own messages only.
 */

/** Base class of every error the Peloton domain throws on purpose. */
export class PelotonError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/**
 * The API refused the access token: HTTP 401 from api.onepeloton.com. Peloton's body is
 * `{"status":401,"error_code":3020,"message":"Not logged in"}` for a missing or expired token.
 */
export class PelotonAuthError extends PelotonError {
  /** @param errorCode Peloton's `error_code` (3020 not logged in, 3010 login failed), null when absent. */
  constructor(
    readonly endpoint: string,
    readonly errorCode: number | null,
    message: string,
  ) {
    super(`${endpoint}: ${message} (HTTP 401${errorCode != null ? `, error_code ${errorCode}` : ''})`);
  }
  readonly status = 401;
}

/** The API answered with an HTTP error other than 401 (e.g. 404 workout not found, 429, 5xx). */
export class PelotonApiError extends PelotonError {
  /**
   * @param status HTTP status.
   * @param errorCode Peloton's `error_code` from the JSON error body, null when the body had none.
   * @param detail Peloton's `message`, or a short description of a non-JSON body.
   */
  constructor(
    readonly endpoint: string,
    readonly status: number,
    readonly errorCode: number | null,
    readonly detail: string,
  ) {
    super(`${endpoint}: HTTP ${status}${errorCode != null ? ` (error_code ${errorCode})` : ''}: ${detail}`);
  }
}

/**
 * A payload did not have the shape we rely on. `path` names the field (e.g. `ftp_info.ftp`), so the
 * message says which endpoint changed and where.
 */
export class PelotonSchemaError extends PelotonError {
  constructor(
    readonly endpoint: string,
    readonly path: string,
    readonly detail: string,
  ) {
    super(`${endpoint}: unexpected response${path ? ` at ${path}` : ''}: ${detail}`);
  }
}

/** The request never got an HTTP answer: DNS, refused or reset connection, timeout, or an oversized body. */
export class PelotonNetworkError extends PelotonError {
  /** The socket's or undici's error code (`ECONNREFUSED`, `UND_ERR_HEADERS_TIMEOUT`, …), `RESPONSE_TOO_LARGE`, or null. */
  readonly code: string | null;
  /**
   * @param url The request URL (never carries a token: tokens travel in headers and bodies only).
   * @param reason a short English description for the log.
   */
  constructor(
    readonly url: string,
    readonly reason: string,
    options?: { cause?: unknown; code?: string },
  ) {
    super(`Could not reach ${url}: ${reason}`, options);
    this.code = options?.code ?? null;
  }
}

/**
 * Why pasted text is not a usable credential: `empty`; `not-token` (not a JWT, not JSON); `not-jwt`,
 * `payload-unreadable`, `payload-not-object` (a malformed JWT); `no-expiry` (no `exp` claim); `expired`;
 * `json-unreadable`; `not-token-entry` (JSON without `body.access_token`); `other-client` (another Auth0 client id).
 */
export type TokenFormatProblem =
  | 'empty'
  | 'not-token'
  | 'not-jwt'
  | 'payload-unreadable'
  | 'payload-not-object'
  | 'no-expiry'
  | 'expired'
  | 'json-unreadable'
  | 'not-token-entry'
  | 'other-client';

/** What a rider pasted is not a usable Peloton credential; the message (English) says what was expected. */
export class TokenFormatError extends PelotonError {
  /**
   * @param problem why (see {@link TokenFormatProblem}).
   * @param message the English message, for logs and tests.
   * @param details `expiredAt` (Unix seconds, for `expired`), `clientId` (for `other-client`).
   */
  constructor(
    readonly problem: TokenFormatProblem,
    message: string,
    readonly details: { expiredAt?: number; clientId?: string } = {},
  ) {
    super(message);
  }
}

/**
 * The refresh grant (POST <auth>/oauth/token) failed. `oauthError` is the OAuth `error` field
 * (`invalid_grant` when the refresh token is revoked or expired), null for non-OAuth failures.
 */
export class TokenRefreshError extends PelotonError {
  constructor(
    readonly oauthError: string | null,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** True when `error` is the cancellation of an AbortSignal the caller owns (not a timeout). */
export function isAbortError(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

/**
 * The token answered for another Peloton account than the one signed in: GET /api/me `id` differs from the
 * session's user id. Carries both user ids (never a token).
 */
export class WrongAccountError extends PelotonError {
  /** @param expectedUserId the session's user id; @param actualUserId GET /api/me `id`. */
  constructor(
    readonly expectedUserId: string,
    readonly actualUserId: string,
  ) {
    super('The token belongs to another Peloton account: sign in again.');
  }
}
