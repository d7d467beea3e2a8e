/**
 * "Peloton" in VS Code's Accounts menu: an AuthenticationProvider (id `peloton`) whose one session lives
 * in SecretStorage through {@link SessionStore}. Creating a session runs the sign-in flow it is given
 * (prompt, check with GET /api/me); sessions stay in step across windows through `secrets.onDidChange`.
 */
import * as vscode from 'vscode';
import type { PelotonSessionRecord, SessionStore } from './sessionStore';

/** The provider id and label contributed in package.json (`contributes.authentication`). */
export const PELOTON_AUTH_PROVIDER_ID = 'peloton';
export const PELOTON_AUTH_PROVIDER_LABEL = 'Peloton';

/** Builds a session record from a sign-in; throws a user-facing Error or `vscode.CancellationError`. */
export type SignInFlow = () => Promise<PelotonSessionRecord>;

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
  private readonly disposables: vscode.Disposable[] = [];

  private constructor(
    private readonly store: SessionStore,
    private readonly signInFlow: SignInFlow,
  ) {
    this.disposables.push(
      this.changed,
      this.signedOutByRider,
      store.onDidChange(() => void this.reload()),
      vscode.authentication.registerAuthenticationProvider(PELOTON_AUTH_PROVIDER_ID, PELOTON_AUTH_PROVIDER_LABEL, this, {
        supportsMultipleAccounts: false,
      }),
    );
  }

  /** Registers the provider and loads the stored session. */
  static async create(store: SessionStore, signInFlow: SignInFlow): Promise<PelotonAuthProvider> {
    const provider = new PelotonAuthProvider(store, signInFlow);
    provider.record = await store.read();
    return provider;
  }

  /** The current session record (tokens included): for the extension's own use only, never for a webview. */
  get current(): PelotonSessionRecord | null {
    return this.record;
  }

  async getSessions(): Promise<vscode.AuthenticationSession[]> {
    return this.record ? [toSession(this.record)] : [];
  }

  /** Runs the sign-in flow and stores the session only once the flow has checked the token. */
  async createSession(): Promise<vscode.AuthenticationSession> {
    const record = await this.signInFlow();
    await this.save(record);
    return toSession(record);
  }

  /** Runs a given sign-in flow (instead of the Accounts menu's) and stores its session once the flow checked it. */
  async signInWith(flow: SignInFlow): Promise<vscode.AuthenticationSession> {
    const record = await flow();
    await this.save(record);
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

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
