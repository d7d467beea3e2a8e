/**
 * Redaction of credentials from anything logged or shown: access tokens (JWTs), refresh tokens
 * (`v1.…`), `Authorization` header values, and any secret the caller names.
 */

/** What replaces a secret. */
export const REDACTED = '[redacted]';

const PATTERNS: readonly RegExp[] = [
  // JWTs (access and id tokens): three base64url parts, the first starting with eyJ
  /eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g,
  // Auth0 refresh tokens
  /\bv1\.[A-Za-z0-9_.-]{20,}/g,
  // Authorization header values, whatever the token looks like
  /(bearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi,
  // token fields in JSON or form bodies
  /("?(?:access_token|refresh_token|id_token|accessToken|refreshToken)"?\s*[:=]\s*"?)(?!null\b)[^"&\s,}]+/g,
];

/**
 * Returns `text` with every credential replaced by `[redacted]`.
 * @param secrets exact strings to remove as well (e.g. the session's tokens); empty strings ignored.
 */
export function redact(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 8) out = out.split(secret).join(REDACTED);
  }
  for (const pattern of PATTERNS) {
    out = out.replace(pattern, (match, prefix: unknown) => (typeof prefix === 'string' && prefix !== match ? `${prefix}${REDACTED}` : REDACTED));
  }
  return out;
}
