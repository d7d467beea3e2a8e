/**
 * The real service's ways inside a real VS Code extension host (issue 16 §2–3), against the fake Peloton made like
 * it: tests titled in German and Spanish (each class asked once, and never again), a test deleted on Peloton leaving
 * the history, "Peloton: Rebuild FTP History" (asks first; the stored history stays on screen until the rebuild is
 * complete; a cancelled or failed one keeps it), a test abandoned IN_PROGRESS, and a list sorted by the rider's local
 * clock across a time-zone jump. Request counts are the fake's own records. Runs in the shared extension host.
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PelotonFtpExtensionApi } from '../../src/extension';
import { COMMANDS } from '../../src/ids';
import { FtpTestsTreeProvider } from '../../src/views/ftpTestsTree';
import { nowSeconds } from '../../src/shared/dates';
import { getDataset } from '../fakePeloton/datasets';
import { ACCESS_TOKEN_LIFETIME_SECONDS, makeLocalStorageValue } from '../fakePeloton/jwt';
import { startFakePeloton, type FakePeloton } from '../fakePeloton/server';
import { EXTENSION_ID, clearShown, inputAnswers, setSetting, shown, stubWindow, until, warningAnswers } from './host';

export function registerRealServiceSuite(): void {
  describe('The real service\'s ways, in the extension host', function () {
    this.timeout(120_000);
    let api: PelotonFtpExtensionApi;
    let restoreWindow: () => void;
    let fake: FakePeloton;
    const fakes: FakePeloton[] = [];

    const history = () => api.history.state.history;
    const testIds = () => (history()?.tests ?? []).map((t) => t.workoutId);
    /** The tree's rows after the current-FTP row: one per test on screen. */
    const treeTestRows = () => new FtpTestsTreeProvider(api.history).getChildren().length - 1;
    const settled = (tests: number) => () => !api.history.state.refreshing && (history()?.tests.length ?? -1) === tests;
    const paths = () => fake.requests.map((r) => r.path);

    /** Signs in (pasting the fake's web-app value) to a new fake serving `dataset`, and waits for `tests` rows. */
    async function signInTo(dataset: string, tests: number): Promise<void> {
      if (api.account()) await vscode.commands.executeCommand(COMMANDS.signOut);
      fake = await startFakePeloton({ rider: getDataset(dataset) });
      fakes.push(fake);
      await setSetting('apiBaseUrl', fake.url);
      await setSetting('authBaseUrl', fake.url);
      inputAnswers.push(makeLocalStorageValue({ accessToken: fake.accessToken, refreshToken: fake.refreshToken, expiresAt: nowSeconds() + ACCESS_TOKEN_LIFETIME_SECONDS }));
      await vscode.commands.executeCommand(COMMANDS.signIn);
      await until(settled(tests), `the ${dataset} history (${tests} tests)`, 60_000);
      assert.deepEqual(shown.error, []);
    }

    /** Runs the refresh command and returns the fake's requests it caused. */
    async function refreshed(): Promise<string[]> {
      fake.resetCounts();
      await vscode.commands.executeCommand(COMMANDS.refresh);
      return paths();
    }

    before(async () => {
      restoreWindow = stubWindow();
      const extension = vscode.extensions.getExtension<PelotonFtpExtensionApi>(EXTENSION_ID);
      assert.ok(extension, `${EXTENSION_ID} is installed`);
      api = await extension.activate();
    });

    beforeEach(() => {
      clearShown();
      warningAnswers.length = 0;
    });

    after(async () => {
      if (api?.account()) await vscode.commands.executeCommand(COMMANDS.signOut);
      restoreWindow?.();
      await Promise.all(fakes.map((f) => f.close()));
    });

    it('tests titled in German and Spanish: all 8 of the rider\'s tests, each class asked once; a refresh with nothing new is 1 request and asks no class', async () => {
      await signInTo('demo-multilingual', 8);
      assert.deepEqual(
        history()!.tests.map((t) => t.rideTitle).filter((title) => title !== '20 min FTP Test Ride'),
        ['Prueba FTP de 20 min', '20 Min. FTP-Test'],
      );
      const asked = new Map(fake.rideDetailsCounts());
      assert.equal(asked.size, 5, 'the two foreign test classes, their warm-ups and the FTP Builder class');
      assert.ok([...asked.values()].every((n) => n === 1), 'no class asked twice');
      assert.equal(treeTestRows(), 8);
      assert.deepEqual(await refreshed(), ['/api/me']);
      assert.deepEqual(fake.rideDetailsCounts(), asked, 'no class asked again');
    });

    it('a test deleted on Peloton leaves the history at the next refresh (list pages only), then a refresh is 1 request again', async () => {
      const deleted = testIds()[1]!;
      assert.equal(fake.deleteWorkout(deleted), true);
      const requests = await refreshed();
      assert.deepEqual([...new Set(fake.requests.map((r) => r.route))].sort(), ['me', 'workout_list'], requests.join(', '));
      assert.equal(history()!.tests.length, 7);
      assert.ok(!testIds().includes(deleted));
      assert.equal(treeTestRows(), 7);
      assert.deepEqual(await refreshed(), ['/api/me']);
    });

    it('Rebuild FTP History asks first: dismissed, nothing is asked of Peloton', async () => {
      warningAnswers.push(undefined);
      fake.resetCounts();
      await vscode.commands.executeCommand(COMMANDS.rebuild);
      assert.deepEqual(shown.warning, ['Rebuild your FTP history from Peloton?']);
      assert.deepEqual(paths(), []);
      assert.equal(history()!.tests.length, 7);
    });

    it('Rebuild: the stored history stays on screen while it runs, and the rebuilt one (with a test a refresh cannot see) replaces it when complete', async () => {
      // The deleted workout is back on Peloton: an incremental refresh cannot see it (it is older than the marker).
      fake.setRider(getDataset('demo-multilingual'));
      const before = history();
      fake.fault({ match: '/api/user/', delayMs: 1500, times: 1 });
      fake.resetCounts();
      warningAnswers.push('Rebuild');
      const rebuilding = vscode.commands.executeCommand(COMMANDS.rebuild);
      await until(() => api.history.state.refreshing, 'the rebuild to start');
      assert.equal(history(), before, 'the stored history on screen while the rebuild runs');
      assert.equal(treeTestRows(), 7);
      await rebuilding;
      await until(settled(8), 'the rebuilt history');
      assert.deepEqual(shown.info, ['Rebuilt your FTP history from Peloton: 8 FTP tests.']);
      assert.equal(fake.countRoute('workout'), 8, 'every test fetched again: from scratch');
      assert.equal(fake.countRoute('ride_details'), 5, 'every class asked again: nothing reused');
      assert.equal(treeTestRows(), 8);
      assert.deepEqual(await refreshed(), ['/api/me'], 'and then a refresh with nothing new is 1 request');
    });

    it('a cancelled rebuild keeps the history on screen and says so', async () => {
      const before = history();
      fake.fault({ match: '/api/user/', delayMs: 5000, times: 1 });
      warningAnswers.push('Rebuild');
      const rebuilding = vscode.commands.executeCommand(COMMANDS.rebuild);
      await until(() => api.history.state.refreshing, 'the rebuild to start');
      await vscode.commands.executeCommand(COMMANDS.cancelRefresh);
      await rebuilding;
      assert.equal(history(), before);
      assert.equal(api.history.state.notice, 'Rebuild cancelled: showing the history as it was.');
    });

    it('a failed rebuild keeps the history on screen and in the store', async () => {
      const before = history();
      fake.fault({ match: '/api/user/', query: { page: '0' }, status: 500, times: 10 });
      warningAnswers.push('Rebuild');
      await vscode.commands.executeCommand(COMMANDS.rebuild);
      assert.equal(history(), before);
      assert.match(shown.error.join('\n'), /^Could not rebuild your FTP history: .*HTTP 500.* The stored history stays on screen\.$/);
      assert.match(api.history.state.notice ?? '', /^Rebuild failed: /);
      await api.history.start(); // what a new window shows: the stored history, not a partial one
      assert.deepEqual(history()!.tests, before!.tests);
    });

    it('a test abandoned IN_PROGRESS 5 hours ago is not shown, and a refresh with nothing new is 1 request', async () => {
      await signInTo('abandoned', 3);
      const quit = fake.rider.workouts.find((w) => w.status === 'IN_PROGRESS')!;
      assert.ok(!testIds().includes(quit.id));
      assert.equal(fake.count(`/api/workout/${quit.id}`), 0, 'never fetched');
      assert.deepEqual(await refreshed(), ['/api/me']);
    });

    it('a list sorted by the rider\'s local clock: a test listed after an older ride (time-zone jump) is found by the next refresh', async () => {
      await signInTo('time-zone-jump', 3);
      // /api/me names no test since (an FTP typed in by hand): only the list can find the new one.
      fake.setRider({ ...getDataset('time-zone-jump+1'), cyclingFtpSource: 'ftp_manual_source', cyclingFtpWorkoutId: null });
      const requests = await refreshed();
      assert.deepEqual(fake.requests.map((r) => r.route).sort(), ['me', 'performance_graph', 'workout', 'workout_list'], requests.join(', '));
      assert.equal(history()!.tests.length, 4);
      assert.equal(history()!.tests[0]!.calculatedFtp, 203);
      assert.deepEqual(await refreshed(), ['/api/me']);
    });
  });
}
