/**
 * PKCE (RFC 7636) and the random values of an OAuth authorization request: a code verifier, its S256 code
 * challenge, and random `state` / `nonce` strings, all base64url without padding.
 */
import { createHash, randomBytes } from 'node:crypto';

/** A fresh random string of `bytes` random bytes, base64url (43 characters for 32 bytes). */
export function randomUrlSafe(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** The S256 code challenge of a verifier: base64url(SHA-256(ASCII(verifier))), RFC 7636 §4.2. */
export function s256Challenge(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

/** What one authorization request needs: the verifier stays here, the challenge goes to /authorize. */
export interface PkceRequest {
  /** 43–128 characters of [A-Za-z0-9-._~] (here 64 base64url characters). */
  codeVerifier: string;
  codeChallenge: string;
  state: string;
  nonce: string;
}

/** New random PKCE values for one sign-in. */
export function newPkceRequest(): PkceRequest {
  const codeVerifier = randomUrlSafe(48);
  return { codeVerifier, codeChallenge: s256Challenge(codeVerifier), state: randomUrlSafe(24), nonce: randomUrlSafe(24) };
}
