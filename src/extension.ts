/**
 * The composition root: builds the services once (log, session, tokens, API client, history) and
 * hands them to the parts that register views and commands. Everything registered is disposed.
 */
import * as vscode from 'vscode';
import { AccessTokens } from './auth/accessTokens';
import { PelotonAuthProvider } from './auth/authProvider';
import { SessionStore } from './auth/sessionStore';
import { runSignInFlow } from './auth/signInFlow';
import { runPasswordSignInFlow } from './auth/passwordSignInFlow';
import { chooseSignInFlow } from './auth/signInChoice';
import { registerPasswordSignInCommand } from './commands/signIn';
import { signInWithPassword } from './peloton/signIn/passwordLogin';
import { registerCommands } from './commands';
import { registerExportCommand } from './commands/exportHistory';
import { HistoryService } from './history/historyService';
import { HistoryStore } from './history/historyStore';
import { configureL10n } from './l10n/configure';
import { createLog } from './log';
import { PelotonApi, type PelotonApiOptions } from './peloton/api/pelotonApi';
import type { PelotonMe } from './peloton/api/schemas';
import { refreshAccessToken, type Credentials } from './peloton/signIn/tokens';
import { readSettings } from './settings';
import { registerFtpTestsTree } from './views/ftpTestsTree';
import { registerFtpStatusBar } from './views/statusBar';

/** How long the sign-in check's GET /api/me stands in for the first refresh's own (milliseconds). */
const SIGN_IN_ME_FRESH_MS = 30_000;

/** What activate() hands to the integration tests (never tokens). */
export interface PelotonFtpExtensionApi {
  /** Wall time of activate() in milliseconds. */
  activationMs: number;
  /** The history on screen and its refresh. */
  history: HistoryService;
  /** The folder of the extension's log files (the "Peloton FTP" channel writes there). */
  logUri: vscode.Uri;
  /** The signed-in Peloton account and its session id (never its tokens), or null. */
  account(): { userId: string; username: string; sessionId: string } | null;
  /** What VS Code's Accounts menu calls to sign out (AuthenticationProvider.removeSession), for the in-host suite. */
  removeSession(sessionId: string): Promise<void>;
}

/** Activates the extension: called by VS Code once, on the first view, command or auth request. */
export async function activate(context: vscode.ExtensionContext): Promise<PelotonFtpExtensionApi> {
  const started = performance.now();
  configureL10n();
  const signedIn: { provider?: PelotonAuthProvider } = {};
  const log = createLog(() => [signedIn.provider?.current?.accessToken, signedIn.provider?.current?.refreshToken]);
  const sessionStore = new SessionStore(context.secrets);
  /** An API client on the configured base URL, logging every exchange. */
  const apiWith = (auth: Pick<PelotonApiOptions, 'getAccessToken' | 'onUnauthorized'>) =>
    new PelotonApi({ baseUrl: readSettings().apiBaseUrl, onExchange: log.exchange, ...auth });
  /** The GET /api/me of the last sign-in check, handed once to the first refresh after it (saves a request). */
  let signInMe: { me: PelotonMe; at: number } | null = null;
  const verify = async (credentials: Credentials) => {
    const me = await apiWith({ getAccessToken: () => credentials.accessToken }).getMe();
    signInMe = { me, at: performance.now() };
    return me;
  };
  const takeSignInMe = (userId: string): PelotonMe | undefined => {
    const taken = signInMe;
    signInMe = null;
    return taken && taken.me.id === userId && performance.now() - taken.at < SIGN_IN_ME_FRESH_MS ? taken.me : undefined;
  };
  const tokenSignIn = () => runSignInFlow(verify);
  // The login gets the caller's own options object (Object.assign), so its blanking of the password reaches it.
  const passwordSignIn = () =>
    runPasswordSignInFlow({ login: (options) => signInWithPassword(Object.assign(options, { authBaseUrl: readSettings().authBaseUrl })), verify, log });
  const provider = await PelotonAuthProvider.create(sessionStore, chooseSignInFlow({ password: passwordSignIn, token: tokenSignIn }));
  signedIn.provider = provider;
  const tokens = new AccessTokens(provider, (refreshToken) => refreshAccessToken({ authBaseUrl: readSettings().authBaseUrl, refreshToken }), log.info);
  const createApi = () =>
    apiWith({ getAccessToken: () => tokens.getAccessToken(), onUnauthorized: (refused) => tokens.afterUnauthorized(refused) });
  const history = new HistoryService({
    auth: provider,
    store: new HistoryStore(context.globalStorageUri.fsPath),
    createApi,
    settings: readSettings,
    log,
    takeSignInMe,
  });
  const setSignedIn = () => void vscode.commands.executeCommand('setContext', 'pelotonFtp.signedIn', provider.current !== null);
  setSignedIn();
  context.subscriptions.push(
    log,
    sessionStore,
    provider,
    history,
    registerFtpTestsTree(history),
    registerExportCommand(history),
    registerFtpStatusBar({ history, isSignedIn: () => provider.current !== null, onDidChangeSession: provider.onDidChangeSessions }),
    registerCommands({ extensionUri: context.extensionUri, auth: provider, history, log, tokenSignIn }),
    registerPasswordSignInCommand({ auth: provider, flow: passwordSignIn, log }),
    // A session that ends by itself (renewal refused, or signed out in another window) leaves the history
    // on screen with a Sign In prompt; only the Sign Out command clears it.
    provider.onDidChangeSessions((e) => {
      setSignedIn();
      if (e.added?.length) void history.start();
    }),
  );
  const activationMs = performance.now() - started;
  log.info(`Activated in ${activationMs.toFixed(1)} ms`);
  void history.start();
  const account = () => {
    const record = provider.current;
    return record ? { userId: record.userId, username: record.username, sessionId: record.id } : null;
  };
  return { activationMs, history, logUri: context.logUri, account, removeSession: (id) => provider.removeSession(id) };
}

/** Nothing to do: every registration is in context.subscriptions. */
export function deactivate(): void {}
