/**
 * "Peloton" in VS Code's Accounts menu: an AuthenticationProvider (id `peloton`) whose one session lives
 * in SecretStorage through {@link SessionStore}. Creating a session runs the sign-in it is registered with
 * (src/auth/signIn.ts); sessions stay in step across windows through `secrets.onDidChange`. Keeps the
 * `pelotonFtp.signedIn` context key.
 */
import * as vscode from 'vscode';
import { AUTH_PROVIDER, CONTEXT } from '../ids';
import type { PelotonSessionRecord, SessionStore } from './sessionStore';

function toSession(record: PelotonSessionRecord): vscode.AuthenticationSession {
  return { id: record.id, accessToken: record.accessToken, account: { id: record.userId, label: record.username }, scopes: [] };
}

/** The Peloton authentication provider; `current` is the session record, or null when signed out. */
export class PelotonAuthProvider implements vscode.AuthenticationProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.AuthenticationProviderAuthenticationSessionsChangeEvent>();
  readonly onDidChangeSessions = this.changed.event;
  private readonly signedOutByRider = new vscode.EventEmitter<void>();
  /**
   * Fires after the rider signed out on purpose: the Accounts menu's Sign Out or the "Peloton: Sign Out" command
   * (both end in {@link removeSession}). Not when a session ends by itself (renewal refused, another window).
   */
  readonly onDidSignOutByRider = this.signedOutByRider.event;
  private record: PelotonSessionRecord | null = null;
  private signIn: (() => Promise<PelotonSessionRecord | undefined>) | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  private constructor(private readonly store: SessionStore) {
    this.disposables.push(
      this.changed,
      this.signedOutByRider,
      store.onDidChange(() => void this.reload()),
      this.changed.event(() => this.setSignedInContext()),
    );
  }

  /** Loads the stored session. Not yet in the Accounts menu: see {@link register}. */
  static async create(store: SessionStore): Promise<PelotonAuthProvider> {
    const provider = new PelotonAuthProvider(store);
    provider.record = await store.read();
    provider.setSignedInContext();
    return provider;
  }

  /**
   * Puts the provider in VS Code's Accounts menu (until disposed). Its sign-in runs `signIn`: the one sign-in path,
   * which stores the session itself and resolves undefined when the rider cancelled or the failure was shown.
   */
  register(signIn: () => Promise<PelotonSessionRecord | undefined>): void {
    this.signIn = signIn;
    this.disposables.push(
      vscode.authentication.registerAuthenticationProvider(AUTH_PROVIDER.id, AUTH_PROVIDER.label, this, { supportsMultipleAccounts: false }),
    );
  }

  /** The current session record (tokens included): for the extension's own use only, never for a webview. */
  get current(): PelotonSessionRecord | null {
    return this.record;
  }

  async getSessions(): Promise<vscode.AuthenticationSession[]> {
    return this.record ? [toSession(this.record)] : [];
  }

  /**
   * The Accounts menu's sign-in: the session the registered sign-in stored.
   * @throws {vscode.CancellationError} when there is none (cancelled, or the failure was already shown).
   */
  async createSession(): Promise<vscode.AuthenticationSession> {
    const record = await this.signIn?.();
    if (!record) throw new vscode.CancellationError();
    return toSession(record);
  }

  /**
   * The rider's sign-out, from VS Code's Accounts menu or the "Peloton: Sign Out" command: removes the session,
   * then fires {@link onDidSignOutByRider} so both paths end in the same state.
   */
  async removeSession(sessionId: string): Promise<void> {
    if (this.record?.id !== sessionId) return;
    await this.signOut();
    this.signedOutByRider.fire();
  }

  /** Stores a new or renewed session record and tells listeners. */
  async save(record: PelotonSessionRecord): Promise<void> {
    const previous = this.record;
    await this.store.write(record);
    this.record = record;
    const session = toSession(record);
    if (previous && previous.id === record.id) this.changed.fire({ added: [], removed: [], changed: [session] });
    else this.changed.fire({ added: [session], removed: previous ? [toSession(previous)] : [], changed: [] });
  }

  /**
   * Removes the session from SecretStorage (the stored FTP history is kept). Used when a session ends by itself;
   * the rider's own sign-out goes through {@link removeSession}.
   */
  async signOut(): Promise<void> {
    const previous = this.record;
    await this.store.clear();
    this.record = null;
    if (previous) this.changed.fire({ added: [], removed: [toSession(previous)], changed: [] });
  }

  /** Re-reads the record after another window changed it. */
  private async reload(): Promise<void> {
    const previous = this.record;
    const next = await this.store.read();
    if (JSON.stringify(previous) === JSON.stringify(next)) return;
    this.record = next;
    this.changed.fire({
      added: next && previous?.id !== next.id ? [toSession(next)] : [],
      removed: previous && previous.id !== next?.id ? [toSession(previous)] : [],
      changed: next && previous?.id === next.id ? [toSession(next)] : [],
    });
  }

  private setSignedInContext(): void {
    void vscode.commands.executeCommand('setContext', CONTEXT.signedIn, this.record !== null);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
