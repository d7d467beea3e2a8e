/**
 * The Peloton session, kept as ONE JSON record in VS Code's SecretStorage (`context.secrets`, key
 * `pelotonFtp.session`) — access token, refresh token, expiry, user id and username — the way VS Code's
 * GitHub and Microsoft providers keep theirs. `onDidChange` fires when another window changes it.
 */
import * as vscode from 'vscode';
import * as z from 'zod';
import type { PelotonMe } from '../peloton/api/schemas';
import type { Credentials } from '../peloton/signIn/tokens';
import { INTERNAL_IDS } from '../ids';

const recordSchema = z.object({
  id: z.string(),
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1).optional(),
  /** Access token expiry, Unix seconds. */
  expiresAt: z.number(),
  userId: z.string(),
  username: z.string(),
});

/** A stored Peloton session. `expiresAt` in Unix seconds. */
export type PelotonSessionRecord = z.infer<typeof recordSchema>;

/**
 * The session record of checked credentials: the tokens and expiry (Unix seconds) from `credentials`, the user id
 * and username from GET /api/me (`id`, `username`; the id stands in for an empty username). Same for every flow.
 */
export function sessionRecordOf(credentials: Credentials, me: Pick<PelotonMe, 'id' | 'username'>): PelotonSessionRecord {
  return {
    id: `peloton-${me.id}`,
    accessToken: credentials.accessToken,
    ...(credentials.refreshToken ? { refreshToken: credentials.refreshToken } : {}),
    expiresAt: credentials.expiresAt,
    userId: me.id,
    username: me.username || me.id,
  };
}

/** Reads and writes the session record. */
export class SessionStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when the record changed in SecretStorage (this window or another). */
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly secrets: vscode.SecretStorage) {
    this.subscription = secrets.onDidChange((e) => {
      if (e.key === INTERNAL_IDS.sessionSecret) this.changed.fire();
    });
  }

  /** The stored session, or null when none (or when the stored record is unreadable). */
  async read(): Promise<PelotonSessionRecord | null> {
    const text = await this.secrets.get(INTERNAL_IDS.sessionSecret);
    if (!text) return null;
    try {
      return recordSchema.parse(JSON.parse(text));
    } catch {
      return null;
    }
  }

  /** Stores the session, replacing any other. */
  async write(record: PelotonSessionRecord): Promise<void> {
    await this.secrets.store(INTERNAL_IDS.sessionSecret, JSON.stringify(recordSchema.parse(record)));
  }

  /** Removes the session. */
  async clear(): Promise<void> {
    await this.secrets.delete(INTERNAL_IDS.sessionSecret);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
