/**
 * The Peloton session record (sessionRecord.ts) in VS Code's SecretStorage (`context.secrets`, key
 * `pelotonFtp.session`). `onDidChange` fires when another window changes it: desktop VS Code shares SecretStorage
 * between windows live; code-server does not (a window sees another's writes only after a reload), which the
 * renewal generation covers (sharedSession.ts).
 */
import * as vscode from 'vscode';
import { INTERNAL_IDS } from '../ids';
import { parseSessionRecord, serializeSessionRecord, type PelotonSessionRecord } from './sessionRecord';
import type { SessionSlot } from './sharedSession';

/** Reads and writes the session record. */
export class SessionStore implements SessionSlot, vscode.Disposable {
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
    return parseSessionRecord(await this.secrets.get(INTERNAL_IDS.sessionSecret));
  }

  /** Stores the session, replacing any other. */
  async write(record: PelotonSessionRecord): Promise<void> {
    await this.secrets.store(INTERNAL_IDS.sessionSecret, serializeSessionRecord(record));
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
