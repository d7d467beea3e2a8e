/**
 * "Peloton" in VS Code's Accounts menu: an AuthenticationProvider (id `peloton`) over the one session every window
 * shares ({@link SharedSession}: the record in SecretStorage through {@link SessionStore}, changed under the renewal
 * lock). Creating a session runs the sign-in it is registered with (src/auth/signIn.ts); sessions stay in step across
 * windows through `secrets.onDidChange` (desktop VS Code) and the renewal generation (code-server). Keeps the
 * `pelotonFtp.signedIn` context key.
 */
import * as vscode from 'vscode';
import { AUTH_PROVIDER, CONTEXT } from '../ids';
import type { PelotonSessionRecord } from './sessionRecord';
import type { SessionStore } from './sessionStore';
import { SharedSession } from './sharedSession';

function toSession(record: PelotonSessionRecord): vscode.AuthenticationSession {
  return { id: record.id, accessToken: record.accessToken, account: { id: record.userId, label: record.username }, scopes: [] };
}

/** VS Code's account event for a change of the held record from `previous` to `next`. */
function sessionsChange(
  previous: PelotonSessionRecord | null,
  next: PelotonSessionRecord | null,
): vscode.AuthenticationProviderAuthenticationSessionsChangeEvent {
  const sameAccount = previous !== null && next !== null && previous.id === next.id;
  return {
    added: next && !sameAccount ? [toSession(next)] : [],
    removed: previous && !sameAccount ? [toSession(previous)] : [],
    changed: next && sameAccount ? [toSession(next)] : [],
  };
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
  /** The session every window shares, as this window holds it (AccessTokens renews it). */
  readonly session: SharedSession;
  private signIn: (() => Promise<PelotonSessionRecord | undefined>) | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  private constructor(store: SessionStore, lockFolder: string, log: (message: string) => void) {
    this.session = new SharedSession(store, lockFolder, { onChange: (previous, next) => this.changed.fire(sessionsChange(previous, next)), log });
    this.disposables.push(
      this.changed,
      this.signedOutByRider,
      // Another window changed the secret (desktop VS Code tells every window; code-server none but the writer).
      store.onDidChange(() => void this.session.reread().catch((error: unknown) => log(`Could not read the changed session: ${String(error)}`))),
      this.changed.event(() => this.setSignedInContext()),
    );
  }

  /**
   * Loads the stored session. Not yet in the Accounts menu: see {@link register}.
   * @param lockFolder the folder of the renewal lock and generation, shared by every window (under global storage).
   * @param log log lines (never a token).
   */
  static async create(store: SessionStore, lockFolder: string, log: (message: string) => void = () => undefined): Promise<PelotonAuthProvider> {
    const provider = new PelotonAuthProvider(store, lockFolder, log);
    await provider.session.load();
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
    return this.session.current;
  }

  async getSessions(): Promise<vscode.AuthenticationSession[]> {
    const record = this.session.current;
    return record ? [toSession(record)] : [];
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
   * The rider's sign-out, from VS Code's Accounts menu or the "Peloton: Sign Out" command: removes the session for
   * every window (the stored FTP history is kept), then fires {@link onDidSignOutByRider} so both paths end in the same state.
   */
  async removeSession(sessionId: string): Promise<void> {
    if (this.session.current?.id !== sessionId) return;
    await this.session.signOut();
    this.signedOutByRider.fire();
  }

  /** Stores a new session record (a sign-in) for every window and tells listeners. */
  save(record: PelotonSessionRecord): Promise<void> {
    return this.session.save(record);
  }

  private setSignedInContext(): void {
    void vscode.commands.executeCommand('setContext', CONTEXT.signedIn, this.session.current !== null);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
