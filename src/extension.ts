/**
 * The composition root: creates the services once (session, log, sign-in, tokens, API client, history), registers
 * the parts (Accounts menu, views, commands) and returns the test API. Everything registered is disposed.
 */
import { join } from 'node:path';
import * as vscode from 'vscode';
import { AccessTokens } from './auth/accessTokens';
import { PelotonAuthProvider } from './auth/authProvider';
import { SessionStore } from './auth/sessionStore';
import { createSignIn } from './auth/signIn';
import { registerCommands } from './commands';
import { HistoryService } from './history/historyService';
import { HistoryStore } from './history/historyStore';
import { configureL10n } from './l10n/configure';
import { createLog } from './log';
import { PelotonApi, type PelotonApiOptions } from './peloton/api/pelotonApi';
import { refreshAccessToken } from './peloton/signIn/oauthToken';
import { signInWithPassword } from './peloton/signIn/passwordLogin';
import { readSettings } from './settings';
import { registerFtpTestsTree } from './views/ftpTestsTree';
import { registerFtpStatusBar } from './views/statusBar';

/** What activate() hands to the integration tests (never tokens). */
export interface PelotonFtpExtensionApi {
  /** Wall time of activate() in milliseconds. */
  activationMs: number;
  /** The history on screen and its refresh. */
  history: HistoryService;
  /** The folder of the extension's log files (the "Peloton FTP" channel writes there). */
  logUri: vscode.Uri;
  /** The folder of the stored histories (`history-<user id>.json`) and the renewal lock: the extension's global storage. */
  globalStorageUri: vscode.Uri;
  /** The signed-in Peloton account and its session id (never its tokens), or null. */
  account(): { userId: string; username: string; sessionId: string } | null;
  /** What VS Code's Accounts menu calls to sign out (AuthenticationProvider.removeSession), for the in-host suite. */
  removeSession(sessionId: string): Promise<void>;
}

/** Activates the extension: called by VS Code once, on the first view, command or auth request. */
export async function activate(context: vscode.ExtensionContext): Promise<PelotonFtpExtensionApi> {
  const started = performance.now();
  configureL10n();
  const sessionStore = new SessionStore(context.secrets);
  // The renewal lock and generation live where every window of the machine sees them (src/auth/sharedSession.ts).
  const auth = await PelotonAuthProvider.create(sessionStore, join(context.globalStorageUri.fsPath, 'session-renewal'), (message) => log.info(message));
  const log = createLog(() => [auth.current?.accessToken, auth.current?.refreshToken]);
  /** An API client on the configured base URL, logging every exchange. */
  const apiWith = (tokens: Pick<PelotonApiOptions, 'getAccessToken' | 'onUnauthorized'>) =>
    new PelotonApi({ baseUrl: readSettings().apiBaseUrl, onExchange: log.exchange, ...tokens });
  const signIn = createSignIn({
    auth,
    getMe: (credentials) => apiWith({ getAccessToken: () => credentials.accessToken }).getMe(),
    // The login gets the caller's own options object (Object.assign), so its blanking of the password reaches it.
    login: (options) => signInWithPassword(Object.assign(options, { authBaseUrl: readSettings().authBaseUrl })),
    log,
  });
  auth.register(() => signIn.run('ask'));
  const tokens = new AccessTokens(auth.session, (refreshToken) => refreshAccessToken({ authBaseUrl: readSettings().authBaseUrl, refreshToken }), log.info);
  const history = new HistoryService({
    auth,
    store: new HistoryStore(context.globalStorageUri.fsPath),
    createApi: () => apiWith({ getAccessToken: () => tokens.getAccessToken(), onUnauthorized: (refused) => tokens.afterUnauthorized(refused) }),
    settings: readSettings,
    log,
    takeSignInMe: (userId) => signIn.takeSignInMe(userId),
  });
  context.subscriptions.push(
    log,
    sessionStore,
    auth,
    history,
    registerFtpTestsTree(history),
    registerFtpStatusBar({ history, isSignedIn: () => auth.current !== null, onDidChangeSession: auth.onDidChangeSessions }),
    ...registerCommands({ extensionUri: context.extensionUri, auth, signIn, history, log }),
    // A session that ends by itself (renewal refused, or signed out in another window) leaves the history
    // on screen with a Sign In prompt; only the Sign Out command clears it.
    auth.onDidChangeSessions((e) => {
      if (e.added?.length) void history.start();
    }),
  );
  const activationMs = performance.now() - started;
  log.info(`Activated in ${activationMs.toFixed(1)} ms`);
  void history.start();
  const account = () => {
    const record = auth.current;
    return record ? { userId: record.userId, username: record.username, sessionId: record.id } : null;
  };
  return { activationMs, history, logUri: context.logUri, globalStorageUri: context.globalStorageUri, account, removeSession: (id) => auth.removeSession(id) };
}

/** Nothing to do: every registration is in context.subscriptions. */
export function deactivate(): void {}
