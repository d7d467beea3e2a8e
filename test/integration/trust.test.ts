/**
 * Trust, in the extension host: the window's folder (test/integration/redirectingFolder.ts) has a
 * `.vscode/settings.json` pointing both base URLs at another loopback fake Peloton; sign-in, rows, refresh and
 * renewal must all go to the user's own fake, and the folder's server must get no request. Then the two ways to
 * sign out (the "Peloton: Sign Out" command, and the Accounts menu, which calls the provider's removeSession) must
 * leave the same state.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { PelotonFtpExtensionApi } from '../../src/extension';
import { getDataset, seedExample } from '../fakePeloton/datasets';
import { makeLocalStorageValue } from '../fakePeloton/jwt';
import { startFakePeloton, type FakePeloton } from '../fakePeloton/server';
import { EXTENSION_ID, clearShown, inputAnswers, setSetting, shown, stubWindow, until } from './host';
import { WORKSPACE_REFRESH_AFTER_HOURS } from './redirectingFolder';
import { nowSeconds } from '../../src/shared/dates';

/** The folder's `.vscode/settings.json`, or null when the window has no folder with one. */
async function folderSettings(): Promise<Record<string, unknown> | null> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) return null;
  return readFile(join(folder.uri.fsPath, '.vscode', 'settings.json'), 'utf8').then(
    (text) => JSON.parse(text) as Record<string, unknown>,
    () => null,
  );
}

export function registerTrustSuite(): void {
  describe('A workspace cannot redirect the token; one sign-out', function () {
    this.timeout(60_000);
    let user: FakePeloton;
    let other: FakePeloton;
    let api: PelotonFtpExtensionApi;
    let restoreWindow: () => void;
    /** The last value the extension gave each context key since `contextKeys.clear()`. */
    const contextKeys = new Map<string, unknown>();
    let restoreCommands: () => void;

    const tests = () => api.history.state.history?.tests.length ?? 0;
    const signIn = async () => {
      const expiresAt = nowSeconds() + 3600;
      inputAnswers.push(makeLocalStorageValue({ accessToken: user.accessToken, refreshToken: user.refreshToken, expiresAt }));
      await vscode.commands.executeCommand('pelotonFtp.signIn');
      assert.deepEqual(shown.error, []);
      await until(() => !api.history.state.refreshing && tests() > 0, 'the history after sign-in');
    };

    before(async function () {
      const settings = await folderSettings();
      if (typeof settings?.['pelotonFtp.apiBaseUrl'] !== 'string') return this.skip(); // not opened on the redirecting folder
      const otherUrl = new URL(settings['pelotonFtp.apiBaseUrl']);
      assert.equal(settings['pelotonFtp.authBaseUrl'], otherUrl.origin);
      other = await startFakePeloton({ rider: seedExample(), port: Number(otherUrl.port) });
      // A rider no other suite signs in as, so nothing of theirs is stored: sign-in walks the whole history.
      user = await startFakePeloton({ rider: getDataset('chain-6') });
      await setSetting('apiBaseUrl', user.url);
      await setSetting('authBaseUrl', user.url);
      restoreWindow = stubWindow();
      const commands = vscode.commands as unknown as { executeCommand: (...args: unknown[]) => Thenable<unknown> };
      const execute = commands.executeCommand;
      commands.executeCommand = (...args: unknown[]) => {
        if (args[0] === 'setContext') contextKeys.set(String(args[1]), args[2]);
        return execute(...args);
      };
      restoreCommands = () => (commands.executeCommand = execute);
      api = await vscode.extensions.getExtension<PelotonFtpExtensionApi>(EXTENSION_ID)!.activate();
      if (api.account()) await vscode.commands.executeCommand('pelotonFtp.signOut');
    });

    after(async () => {
      restoreCommands?.();
      restoreWindow?.();
      await Promise.all([user?.close(), other?.close()]);
    });

    beforeEach(clearShown);

    it("VS Code read the folder's settings, and the folder's URLs are not the ones in effect", () => {
      const config = vscode.workspace.getConfiguration('pelotonFtp');
      assert.equal(config.inspect('refreshAfterHours')?.workspaceValue, WORKSPACE_REFRESH_AFTER_HOURS, 'the folder settings file was loaded');
      const apiBaseUrl = config.inspect<string>('apiBaseUrl');
      console.log(`pelotonFtp.apiBaseUrl as VS Code reports it: workspace ${apiBaseUrl?.workspaceValue}, user ${apiBaseUrl?.globalValue}, get() ${config.get('apiBaseUrl')}`);
      assert.equal(apiBaseUrl?.globalValue, user.url);
      assert.notEqual(config.get('apiBaseUrl'), other.url, 'an application-scoped setting ignores the workspace value');
      assert.notEqual(config.get('authBaseUrl'), other.url);
    });

    it("signs in, shows the rows, refreshes and renews against the user's server: the folder's server gets 0 requests", async () => {
      user.resetCounts();
      await signIn();
      assert.ok(user.count('/api/me') >= 1, 'the token check and the walk went to the user server');
      assert.ok(user.requests.some((r) => r.path.startsWith('/api/workout/')), "the rows' workouts came from the user server");
      user.revokeAccessTokens();
      user.resetCounts();
      await vscode.commands.executeCommand('pelotonFtp.refresh');
      assert.equal(user.count('/oauth/token'), 1, 'the renewal (refresh token) went to the user server');
      assert.ok(user.count('/api/me') >= 1);
      assert.deepEqual(shown.error, []);
      assert.ok(tests() > 2, `the rows are on screen (${tests()})`);
      assert.deepEqual(other.requests, [], "the folder's server received nothing");
    });

    it('the Sign Out command and the Accounts menu (removeSession) leave the same state', async () => {
      /** Signs out one way from a signed-in state with history on screen, and describes everything that follows. */
      const after = async (signOut: () => Promise<unknown>) => {
        if (!api.account()) await signIn();
        clearShown();
        contextKeys.clear();
        await signOut();
        await until(() => api.account() === null && contextKeys.get('pelotonFtp.signedIn') === false, 'the sign-out');
        const account = api.account();
        const state = { ...api.history.state };
        const messages = { ...shown, info: [...shown.info] };
        const keys = Object.fromEntries([...contextKeys].sort());
        // Signing in again shows the stored history at once, with only the token check: the store was kept.
        user.resetCounts();
        await signIn();
        return { account, state, messages, keys, storedKept: user.requests.map((r) => r.path) };
      };
      const byCommand = await after(async () => {
        await vscode.commands.executeCommand('pelotonFtp.signOut');
      });
      const byAccountsMenu = await after(async () => {
        // What VS Code calls when the rider picks Sign Out on the Peloton account in the Accounts menu.
        await api.removeSession(api.account()!.sessionId);
      });
      assert.deepEqual(byAccountsMenu, byCommand);
      assert.equal(byCommand.account, null);
      assert.equal(byCommand.state.history, null, 'the history is cleared from the screen');
      assert.deepEqual(byCommand.messages.info, ['Signed out of Peloton.']);
      assert.equal(byCommand.keys['pelotonFtp.signedIn'], false);
      assert.equal(byCommand.keys['pelotonFtp.hasHistory'], false);
      assert.deepEqual(byCommand.storedKept, ['/api/me'], 'the stored history is kept for the next sign-in');
      assert.deepEqual(other.requests, []);
    });
  });
}
