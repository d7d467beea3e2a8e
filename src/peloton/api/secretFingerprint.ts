/**
 * Redaction of a secret the program no longer holds: a keyed fingerprint (HMAC-SHA-256 under a random key, plus
 * the length) stands in for the password, so log lines and error messages written after the password was sent and
 * dropped can still be searched for it. Everything else is redacted by `redact` (tokens, Authorization values).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { REDACTED, redact } from './redact';

/** Stands in for a secret: never the secret, never reversible. */
export interface SecretFingerprint {
  readonly length: number;
  readonly key: Buffer;
  readonly digest: Buffer;
}

/** Shortest secret worth a fingerprint: shorter strings would redact ordinary words. */
export const MIN_FINGERPRINT_LENGTH = 4;

/** The fingerprint of `secret` under a fresh random key, or null for a secret shorter than 4 characters. */
export function fingerprintSecret(secret: string): SecretFingerprint | null {
  if (secret.length < MIN_FINGERPRINT_LENGTH) return null;
  const key = randomBytes(32);
  return { length: secret.length, key, digest: createHmac('sha256', key).update(secret, 'utf8').digest() };
}

/**
 * `text` with every occurrence of the fingerprinted secret replaced by `[redacted]`, then passed through
 * `redact` (tokens). Costs one HMAC per character of `text`: meant for log lines and messages, not bodies.
 */
export function redactFingerprint(text: string, fingerprint: SecretFingerprint | null): string {
  let out = text;
  if (fingerprint && out.length >= fingerprint.length) {
    for (let i = 0; i + fingerprint.length <= out.length; i++) {
      const candidate = createHmac('sha256', fingerprint.key).update(out.slice(i, i + fingerprint.length), 'utf8').digest();
      if (timingSafeEqual(candidate, fingerprint.digest)) {
        out = out.slice(0, i) + REDACTED + out.slice(i + fingerprint.length);
        i += REDACTED.length - 1;
      }
    }
  }
  return redact(out);
}
