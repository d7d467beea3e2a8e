/**
 * The one sign-in path, whichever way in (the two sign-in commands, VS Code's Accounts menu, the token button of a
 * failed password sign-in): the chosen flow asks for the credentials and has them checked (GET /api/me); then the
 * session is stored, "Signed in to Peloton as …" said, and a failure logged and shown the same way (after a password
 * sign-in with a "Sign In with Access Token" button). The check's GET /api/me is kept for the first refresh after it.
 */
import * as vscode from 'vscode';
import { userMessage } from '../l10n/errorMessages';
import type { PelotonLog } from '../log';
import type { PelotonMe } from '../peloton/api/schemas';
import type { Credentials } from '../peloton/signIn/tokens';
import type { PelotonAuthProvider } from './authProvider';
import { runPasswordSignInFlow, type PasswordLogin } from './passwordSignInFlow';
import { sessionRecordOf, type PelotonSessionRecord } from './sessionStore';
import { chooseSignInWay, type SignInWay } from './signInChoice';
import { SignInError, type CheckCredentials } from './signInFlow';
import { runTokenSignInFlow } from './tokenSignInFlow';

/** How long the sign-in check's GET /api/me stands in for the first refresh's own (milliseconds). */
const SIGN_IN_ME_FRESH_MS = 30_000;

/** The way in, for the log. */
const WAY_NAME: Record<SignInWay, string> = { token: 'an access token', password: 'email and password' };

/** What the sign-in needs. */
export interface SignInDeps {
  /** Stores the checked session and tells VS Code. */
  auth: Pick<PelotonAuthProvider, 'save'>;
  /** GET /api/me with these credentials' access token. */
  getMe(credentials: Credentials): Promise<PelotonMe>;
  /** Peloton's hosted login with email and password. */
  login: PasswordLogin;
  log: Pick<PelotonLog, 'info' | 'warn' | 'exchange'>;
}

/** Signing in, and what the last sign-in check learnt. */
export interface SignIn {
  /**
   * Signs in one way, or asks which first (`ask`: the Accounts menu). Never throws.
   * @returns the stored session record, or undefined when the rider cancelled or the sign-in failed (the failure
   *   was shown).
   */
  run(way: SignInWay | 'ask'): Promise<PelotonSessionRecord | undefined>;
  /**
   * The GET /api/me of the last sign-in check when it was for `userId` and is under 30 s old, handed over once (then
   * forgotten), so the first refresh after sign-in does not ask again; undefined otherwise.
   */
  takeSignInMe(userId: string): PelotonMe | undefined;
}

/** Creates the sign-in. */
export function createSignIn(deps: SignInDeps): SignIn {
  let signInMe: { me: PelotonMe; at: number } | null = null;
  const check: CheckCredentials = async (credentials) => {
    const me = await deps.getMe(credentials);
    signInMe = { me, at: performance.now() };
    return sessionRecordOf(credentials, me);
  };
  const flows: Record<SignInWay, () => Promise<PelotonSessionRecord>> = {
    token: () => runTokenSignInFlow(check),
    password: () => runPasswordSignInFlow({ login: deps.login, check, log: deps.log }),
  };

  const run = async (way: SignInWay | 'ask'): Promise<PelotonSessionRecord | undefined> => {
    let chosen: SignInWay | undefined;
    try {
      chosen = way === 'ask' ? await chooseSignInWay() : way;
      const record = await flows[chosen]();
      await deps.auth.save(record);
      deps.log.info(`Signed in with ${WAY_NAME[chosen]} as ${record.username}`);
      void vscode.window.showInformationMessage(vscode.l10n.t('Signed in to Peloton as {0}', record.username));
      return record;
    } catch (error) {
      if (error instanceof vscode.CancellationError) {
        deps.log.info('Sign-in cancelled: nothing stored');
        return undefined;
      }
      const message = error instanceof SignInError ? error.message : vscode.l10n.t('Sign-in failed: {0}', userMessage(error));
      deps.log.warn(`Sign-in${chosen ? ` with ${WAY_NAME[chosen]}` : ''} refused: ${error instanceof SignInError ? error.detail : message}`);
      if (chosen === 'password') void offerTokenSignIn(message);
      else void vscode.window.showErrorMessage(message);
      return undefined;
    }
  };

  /** Shows a failed password sign-in with a "Sign In with Access Token" button, which starts that sign-in. */
  const offerTokenSignIn = async (message: string): Promise<void> => {
    const paste = vscode.l10n.t('Sign In with Access Token');
    if ((await vscode.window.showErrorMessage(message, paste)) === paste) await run('token');
  };

  return {
    run,
    takeSignInMe: (userId) => {
      const taken = signInMe;
      signInMe = null;
      return taken && taken.me.id === userId && performance.now() - taken.at < SIGN_IN_ME_FRESH_MS ? taken.me : undefined;
    },
  };
}
