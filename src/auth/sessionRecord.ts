/**
 * The Peloton session as stored: ONE JSON record (access token, refresh token, expiry, user id and username, plus how
 * it was made and the renewal generation it was stored at), the way VS Code's GitHub and Microsoft providers keep
 * theirs. Plain Node (zod only), so the cross-window renewal can be tested without VS Code; SecretStorage is
 * sessionStore.ts.
 */
import * as z from 'zod';
import type { PelotonMe } from '../peloton/api/schemas';
import type { Credentials } from '../peloton/signIn/tokens';

/**
 * How a session was made, which decides what a refused renewal means (PELOTON_API.md, "Tokens"):
 * - `web-app-value`: the web app's localStorage value was pasted; its refresh token belongs to the token family of
 *   the browser it was copied from, so whichever of the two renews second is refused and signs both out;
 * - `access-token`: an access token alone was pasted (no refresh token: it lasts until it expires);
 * - `password`: Peloton's hosted login (email and password, PKCE), a token family of its own.
 */
export const SESSION_ORIGINS = ['web-app-value', 'access-token', 'password'] as const;

/** One of {@link SESSION_ORIGINS}. */
export type SessionOrigin = (typeof SESSION_ORIGINS)[number];

const recordSchema = z.object({
  id: z.string(),
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1).optional(),
  /** Access token expiry, Unix seconds. */
  expiresAt: z.number(),
  userId: z.string(),
  username: z.string(),
  /** How the session was made; absent in records stored before it was kept. */
  origin: z.enum(SESSION_ORIGINS).optional(),
  /** The renewal generation (renewalGeneration.ts) the record was stored at; absent (read as 0) in older records. */
  generation: z.number().int().nonnegative().optional(),
});

/** A stored Peloton session. `expiresAt` in Unix seconds. */
export type PelotonSessionRecord = z.infer<typeof recordSchema>;

/**
 * The session record of checked credentials: the tokens and expiry (Unix seconds) from `credentials`, the user id
 * and username from GET /api/me (`id`, `username`; the id stands in for an empty username), and how it was made.
 * Same for every flow; the generation is stamped when it is stored.
 */
export function sessionRecordOf(credentials: Credentials, me: Pick<PelotonMe, 'id' | 'username'>, origin: SessionOrigin): PelotonSessionRecord {
  return {
    id: `peloton-${me.id}`,
    accessToken: credentials.accessToken,
    ...(credentials.refreshToken ? { refreshToken: credentials.refreshToken } : {}),
    expiresAt: credentials.expiresAt,
    userId: me.id,
    username: me.username || me.id,
    origin,
  };
}

/** The record in a stored text, or null when the text is absent or not a record (never throws). */
export function parseSessionRecord(text: string | undefined): PelotonSessionRecord | null {
  if (!text) return null;
  try {
    return recordSchema.parse(JSON.parse(text));
  } catch {
    return null;
  }
}

/** The text to store for a record. @throws {z.ZodError} when it is not a valid record. */
export function serializeSessionRecord(record: PelotonSessionRecord): string {
  return JSON.stringify(recordSchema.parse(record));
}
