/**
 * The history from the workout list inside a real VS Code extension host (issue 9): a rider whose /api/me
 * names no test sees every test with its result, its baseline by source and "not applied" only on the
 * declined one; and the cold history of a 50-test rider among 2,000 workouts at 50 ms per request, timed
 * from sign-in to the last row beside the founding notes' reference walker run in this same host (printed,
 * not asserted). Runs after the extension suite, in the same host, with its own fake Peloton.
 */
import assert from 'node:assert/strict';
import { Agent } from 'undici';
import * as vscode from 'vscode';
import { referenceWalk } from '../../bench/referenceWalker';
import type { PelotonFtpExtensionApi } from '../../src/extension';
import { toHistoryMessage } from '../../src/views/chartData';
import { riderDescription, riderLabel, testDescription, testLabel } from '../../src/views/treeFormat';
import { tableRows } from '../../src/webview/tableText';
import { fakeId, noonUtc } from '../fakePeloton/dataset';
import { getDataset } from '../fakePeloton/datasets';
import { ACCESS_TOKEN_LIFETIME_SECONDS, makeLocalStorageValue } from '../fakePeloton/jwt';
import { startFakePeloton, type FakePeloton } from '../fakePeloton/server';
import { nowSeconds } from '../../src/shared/dates';
import { EXTENSION_ID, clearShown, inputAnswers, setSetting, shown, stubWindow } from './host';

/** What the rider pastes to sign in to `fake`. */
function paste(fake: FakePeloton): string {
  return makeLocalStorageValue({ accessToken: fake.accessToken, refreshToken: fake.refreshToken, expiresAt: nowSeconds() + ACCESS_TOKEN_LIFETIME_SECONDS });
}

/** Resolves (with performance.now()) the first time `condition` holds after a history change, or at once if it holds. */
function whenHistory(api: PelotonFtpExtensionApi, condition: () => boolean, what: string, timeoutMs = 60_000): Promise<number> {
  return new Promise((resolve, reject) => {
    if (condition()) return resolve(performance.now());
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`timed out waiting for ${what}`));
    }, timeoutMs);
    const subscription = api.history.onDidChange(() => {
      if (!condition()) return;
      const at = performance.now();
      clearTimeout(timer);
      subscription.dispose();
      resolve(at);
    });
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function registerHistorySuite(): void {
  describe('The history from the workout list, in the extension host', function () {
    this.timeout(120_000);
    let api: PelotonFtpExtensionApi;
    let restoreWindow: () => void;
    const fakes: FakePeloton[] = [];

    /** Starts a fake, points the extension at it. */
    async function useFake(fake: FakePeloton): Promise<FakePeloton> {
      fakes.push(fake);
      await setSetting('apiBaseUrl', fake.url);
      await setSetting('authBaseUrl', fake.url);
      return fake;
    }

    const history = () => api.history.state.history;
    const settled = (tests: number) => () => !api.history.state.refreshing && (history()?.tests.length ?? -1) === tests;

    before(async () => {
      restoreWindow = stubWindow();
      const extension = vscode.extensions.getExtension<PelotonFtpExtensionApi>(EXTENSION_ID);
      assert.ok(extension, `${EXTENSION_ID} is installed`);
      api = await extension.activate();
      if (api.account()) await vscode.commands.executeCommand('pelotonFtp.signOut');
    });

    beforeEach(clearShown);

    after(async () => {
      if (api?.account()) await vscode.commands.executeCommand('pelotonFtp.signOut');
      restoreWindow?.();
      await Promise.all(fakes.map((f) => f.close()));
    });

    it('a rider whose /api/me names no test: every test, baselines by source, "not applied" only on the declined one', async () => {
      const fake = await useFake(await startFakePeloton({ rider: getDataset('no-chain') }));
      inputAnswers.push(paste(fake));
      await vscode.commands.executeCommand('pelotonFtp.signIn');
      assert.deepEqual(shown.error, []);
      await whenHistory(api, settled(4), 'the no-chain history');
      const shownHistory = history()!;
      // The tree's rows, as the tree writes them (label | description).
      const byId = new Map(shownHistory.tests.map((t) => [t.workoutId, t]));
      const rows = [
        `${riderLabel(shownHistory.rider)} | ${riderDescription(shownHistory.rider)}`,
        ...shownHistory.tests.map((t) => `${testLabel(t)} | ${testDescription(t, t.previousTestId ? byId.get(t.previousTestId) : undefined)}`),
      ];
      assert.deepEqual(rows, [
        'Current FTP 135 W | entered by hand · Peloton estimate 157 W',
        '2024-10-16 · 167 W | baseline 162 W · +5 W · from the test of 2023-09-13',
        '2024-04-10 · 157 W | not applied · baseline 162 W · \u22125 W · from the test of 2023-09-13',
        '2023-09-13 · 162 W | baseline 162 W · \u00b10 W · entered by hand',
        '2023-02-08 · 152 W | first test',
      ]);
      assert.deepEqual(
        shownHistory.tests.map((t) => t.applied),
        [null, 'not-applied', 'applied', null],
      );
      // The chart page's table says the same.
      const table = tableRows(toHistoryMessage(api.history.state).rows).map((r) => r.slice(0, 5).join(' | '));
      assert.deepEqual(table, [
        '2024-10-16 | 167 | \u2014 | 162 | set by the test of 2023-09-13',
        '2024-04-10 | 157 | not applied | 162 | set by the test of 2023-09-13',
        '2023-09-13 | 162 | applied | 162 | entered by hand (170 W × 0.95)',
        '2023-02-08 | 152 | \u2014 | \u2014 | first test',
      ]);
      // Only the tests were fetched: never a warm-up or another class.
      const workoutIds = new Set(fake.requests.filter((r) => r.path.startsWith('/api/workout/')).map((r) => r.path.split('/')[3]));
      assert.deepEqual([...workoutIds].sort(), shownHistory.tests.map((t) => t.workoutId).sort());
    });

    it('a refresh with nothing new makes exactly one request (/api/me)', async () => {
      const fake = fakes[fakes.length - 1];
      fake.resetCounts();
      await vscode.commands.executeCommand('pelotonFtp.refresh');
      assert.deepEqual(fake.requests.map((r) => r.path), ['/api/me']);
      assert.equal(history()?.tests.length, 4);
    });

    it('a list page that keeps failing: the history stays on screen and the notice names the page', async () => {
      const fake = fakes[fakes.length - 1];
      // One new ride (not a test), so the refresh has to read the workout list.
      const ride = fake.rider.workouts.find((w) => !/FTP Test/.test(w.title))!;
      fake.setRider({ ...fake.rider, workouts: [...fake.rider.workouts, { ...ride, id: fakeId('in-host:new-ride'), createdAt: noonUtc(2025, 6, 4) }] });
      fake.fault({ match: '/api/user/', query: { page: '0' }, status: 500, times: 10 });
      shown.error.length = 0;
      await vscode.commands.executeCommand('pelotonFtp.refresh');
      assert.match(api.history.state.notice ?? '', /^Refresh failed: .*\(HTTP 500 for GET \/api\/user\/[^ ]+\/workouts page 0\)/);
      assert.match(shown.error.join('\n'), /Could not refresh your FTP history: .*HTTP 500 for GET .*page 0\).* The last good history stays on screen\./);
      assert.equal(history()?.tests.length, 4, 'the history on screen stays');
      await vscode.commands.executeCommand('pelotonFtp.signOut');
    });

    it('cold history of 50 tests among 2,000 workouts at 50 ms per request: the extension beside the reference walker (printed)', async () => {
      const latencyMs = 50;
      const fake = await useFake(await startFakePeloton({ rider: getDataset('many-50-2000'), latencyMs }));
      inputAnswers.push(paste(fake));
      // When the refresh began (sign-in done), and how many times the views were told of a change meanwhile.
      let refreshStartedAt = 0;
      let changes = 0;
      const watch = api.history.onDidChange(() => {
        changes++;
        if (!refreshStartedAt && api.history.state.refreshing) refreshStartedAt = performance.now();
      });
      const started = performance.now();
      const lastRow = whenHistory(api, settled(50), 'the 50-test history', 90_000);
      await vscode.commands.executeCommand('pelotonFtp.signIn');
      const lastRowAt = await lastRow;
      watch.dispose();
      const extensionMs = lastRowAt - started;
      const requests = fake.requests.length;
      assert.equal(history()?.tests.length, 50);
      assert.ok(requests > 2, `the history was fetched, not read from a store (${requests} requests)`);
      // Progress is coalesced: about one view update per 100 ms (and per phase), not one per test (100+ here).
      const refreshMs = lastRowAt - refreshStartedAt;
      assert.ok(changes <= refreshMs / 100 + 10, `${changes} view updates in ${Math.round(refreshMs)} ms`);

      const agent = new Agent();
      const referenceMs: number[] = [];
      try {
        for (let run = 0; run < 3; run++) {
          const t0 = performance.now();
          const reference = await referenceWalk(fake.url, fake.accessToken, agent);
          referenceMs.push(performance.now() - t0);
          assert.equal(reference.tests.length, 50);
        }
      } finally {
        await agent.close();
      }
      const ref = median(referenceMs);
      console.log(
        `cold history, 50 tests among 2,000 workouts at ${latencyMs} ms/request, in this VS Code (${vscode.version}): ` +
          `extension ${Math.round(extensionMs)} ms (sign-in to last row, ${requests} requests; sign-in ${Math.round(refreshStartedAt - started)} ms, ` +
          `refresh ${Math.round(lastRowAt - refreshStartedAt)} ms, ${changes} view updates) · ` +
          `reference walker ${Math.round(ref)} ms (median of ${referenceMs.map((m) => Math.round(m)).join(', ')}) · ` +
          `ratio ${(extensionMs / ref).toFixed(2)}× (target ≤ 0.35×)`,
      );
      await vscode.commands.executeCommand('pelotonFtp.signOut');
    });
  });
}
