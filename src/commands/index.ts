/**
 * The command handlers (category "Peloton"). Each is small and calls services; none reaches into
 * another's internals.
 */
import { userMessage } from '../l10n/errorMessages';
import * as vscode from 'vscode';
import type { PelotonAuthProvider, SignInFlow } from '../auth/authProvider';
import { SignInError } from '../auth/signInFlow';
import type { HistoryService } from '../history/historyService';
import type { PelotonLog } from '../log';
import { FtpChartPanel } from '../views/chartPanel';
import { toHistoryMessage } from '../views/chartData';
import type { FtpTreeItem } from '../views/ftpTestsTree';
import { chartZoneTable } from '../views/zones';

/** The web page of one workout on Peloton's members site. */
export function workoutUrl(workoutId: string): vscode.Uri {
  return vscode.Uri.parse(`https://members.onepeloton.com/profile/workouts/${encodeURIComponent(workoutId)}`);
}

/** What the commands act on. */
export interface CommandDeps {
  extensionUri: vscode.Uri;
  auth: PelotonAuthProvider;
  history: HistoryService;
  log: PelotonLog & { show(): void };
  /** The token-paste flow of "Sign In with Access Token" (the Accounts menu asks which way first). */
  tokenSignIn: SignInFlow;
}

/** A workout id from a tree row or a plain string argument. */
function workoutIdOf(arg: FtpTreeItem | string | undefined): string | undefined {
  return typeof arg === 'string' ? arg : (arg?.test?.workoutId ?? undefined);
}

/** Registers every `pelotonFtp.*` command. */
export function registerCommands(deps: CommandDeps): vscode.Disposable {
  const { auth, history, log } = deps;

  const signIn = async () => {
    try {
      await auth.signInWith(deps.tokenSignIn);
      const username = auth.current?.username ?? '';
      void vscode.window.showInformationMessage(vscode.l10n.t('Signed in to Peloton as {0}', username));
      log.info(`Signed in as ${username}`);
    } catch (error) {
      if (error instanceof vscode.CancellationError) return;
      const message = error instanceof SignInError ? error.message : vscode.l10n.t('Sign-in failed: {0}', userMessage(error));
      log.warn(`Sign-in refused: ${message}`);
      void vscode.window.showErrorMessage(message);
    }
  };

  // The command and the Accounts menu's Sign Out both go through removeSession, and end here.
  const signedOut = auth.onDidSignOutByRider(() => {
    history.clear();
    void vscode.window.showInformationMessage(vscode.l10n.t('Signed out of Peloton.'));
  });
  const signOut = async () => {
    if (auth.current) await auth.removeSession(auth.current.id);
  };

  const chartSource = {
    current: () => ({ ...toHistoryMessage(history.state), zones: chartZoneTable(history.state.history?.rider) }),
    onDidChange: history.onDidChange,
    openWorkout: (workoutId: string) => void vscode.env.openExternal(workoutUrl(workoutId)),
    refresh: () => void history.refresh(),
  };

  return vscode.Disposable.from(
    signedOut,
    vscode.commands.registerCommand('pelotonFtp.signIn', signIn),
    vscode.commands.registerCommand('pelotonFtp.signOut', signOut),
    vscode.commands.registerCommand('pelotonFtp.refresh', async () => {
      if (!auth.current) return signIn();
      await history.refresh();
    }),
    vscode.commands.registerCommand('pelotonFtp.cancelRefresh', () => history.cancel()),
    vscode.commands.registerCommand('pelotonFtp.showChart', () => {
      FtpChartPanel.show(deps.extensionUri, chartSource, { log: (m) => log.warn(m) });
    }),
    vscode.commands.registerCommand('pelotonFtp.openWorkout', (arg?: FtpTreeItem | string) => {
      const id = workoutIdOf(arg);
      if (id) void vscode.env.openExternal(workoutUrl(id));
    }),
    vscode.commands.registerCommand('pelotonFtp.copyWorkoutId', async (arg?: FtpTreeItem | string) => {
      const id = workoutIdOf(arg);
      if (!id) return;
      await vscode.env.clipboard.writeText(id);
      vscode.window.setStatusBarMessage(vscode.l10n.t('Copied workout ID {0}', id), 3000);
    }),
    vscode.commands.registerCommand('pelotonFtp.showLog', () => log.show()),
    { dispose: () => FtpChartPanel.currentPanel?.dispose() },
  );
}
