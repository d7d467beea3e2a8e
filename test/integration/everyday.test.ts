/**
 * Everyday use in a real VS Code extension host, signed in as the fake API's demo rider: the current-FTP
 * row's power zones, a test's tooltip with the zones its result would set, and "Export FTP History..."
 * writing CSV and JSON that equal the tree's tests (parsed by csv-parse, validated by ajv against the
 * JSON Schema in schemas/). Runs after the main suite, in the same extension host.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { parse } from 'csv-parse/sync';
import * as vscode from 'vscode';
import exportSchema from '../../schemas/ftp-history-export.schema.json';
import type { PelotonFtpExtensionApi } from '../../src/extension';
import { FtpTestsTreeProvider, FtpTreeItem } from '../../src/views/ftpTestsTree';
import { formatChange } from '../../src/views/treeFormat';
import { demo } from '../fakePeloton/datasets';
import { makeLocalStorageValue } from '../fakePeloton/jwt';
import { startFakePeloton, type FakePeloton } from '../fakePeloton/server';

const EXTENSION_ID = 'peloton-ftp-history.peloton-ftp-history';
const ZONE_NAMES = ['Active Recovery', 'Endurance', 'Tempo', 'Threshold', 'VO2 Max', 'Anaerobic Capacity', 'Neuromuscular'];
const UPPER_PERCENTS = [55, 75, 90, 105, 120, 150];
const addFormats = (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule;

/** The rule's watts, in integers: top of zone k = round-half-up(FTP × upper %), next zone starts one above. */
function zoneDescriptions(ftp: number): string[] {
  const tops = UPPER_PERCENTS.map((p) => Math.floor((ftp * p * 2 + 100) / 200));
  return [...tops.map((top, i) => `${i === 0 ? 0 : tops[i - 1]! + 1}\u2013${top} W`), `> ${tops[5]} W`];
}

async function until(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export function registerEverydaySuite(): void {
  describe('Everyday use: power zones and export, signed in as the demo rider', function () {
    this.timeout(60_000);
    let fake: FakePeloton;
    let api: PelotonFtpExtensionApi;
    let dir: string;
    const shown: { info: string[]; error: string[] } = { info: [], error: [] };
    const inputAnswers: string[] = [];
    const saveDialogAnswers: Array<vscode.Uri | undefined> = [];
    const saveDialogOptions: vscode.SaveDialogOptions[] = [];
    let restore: () => void = () => undefined;

    const history = () => api.history.state.history;
    const tree = () => new FtpTestsTreeProvider(api.history);
    /** The tree's test rows (after the current-FTP row). */
    const testRows = () => tree().getChildren().slice(1) as FtpTreeItem[];

    before(async () => {
      fake = await startFakePeloton({ rider: demo() });
      const config = vscode.workspace.getConfiguration('pelotonFtp');
      await config.update('apiBaseUrl', fake.url, vscode.ConfigurationTarget.Global);
      await config.update('authBaseUrl', fake.url, vscode.ConfigurationTarget.Global);
      const win = vscode.window as unknown as Record<string, unknown>;
      const names = ['showInputBox', 'showInformationMessage', 'showWarningMessage', 'showErrorMessage', 'showSaveDialog'];
      const saved = Object.fromEntries(names.map((n) => [n, win[n]]));
      win.showInputBox = async () => inputAnswers.shift();
      win.showInformationMessage = async (message: string) => void shown.info.push(message);
      win.showWarningMessage = async () => undefined;
      win.showErrorMessage = async (message: string) => void shown.error.push(message);
      win.showSaveDialog = async (options: vscode.SaveDialogOptions) => {
        saveDialogOptions.push(options);
        return saveDialogAnswers.shift();
      };
      restore = () => Object.assign(win, saved);
      const extension = vscode.extensions.getExtension<PelotonFtpExtensionApi>(EXTENSION_ID);
      assert.ok(extension);
      api = await extension.activate();
      dir = await mkdtemp(join(tmpdir(), 'peloton-export-'));
      if (api.account()) await vscode.commands.executeCommand('pelotonFtp.signOut');
      inputAnswers.push(makeLocalStorageValue({ accessToken: fake.accessToken, refreshToken: fake.refreshToken, expiresAt: Math.floor(Date.now() / 1000) + 172_800 }));
      await vscode.commands.executeCommand('pelotonFtp.signIn');
      await until(() => !api.history.state.refreshing && history()?.rider.username === fake.rider.username && (history()?.tests.length ?? 0) > 0, 'the demo rider\'s history');
    });

    after(async () => {
      restore();
      if (api?.account()) await vscode.commands.executeCommand('pelotonFtp.signOut');
      await fake?.close();
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    beforeEach(() => {
      shown.info.length = 0;
      shown.error.length = 0;
    });

    it('the current-FTP row expands to seven power zones with the rule\'s watts', () => {
      const rider = history()!.rider;
      // The current FTP by its source: a hand-entered value is a 20-minute average (× 0.95, half up), else as is.
      const ftp = rider.currentFtpSource === 'ftp_manual_source' ? Math.floor((rider.currentFtp! * 190 + 100) / 200) : rider.currentFtp!;
      const provider = tree();
      const [riderRow] = provider.getChildren();
      assert.equal(riderRow!.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
      const zones = provider.getChildren(riderRow);
      assert.deepEqual(
        zones.map((z) => `${String(z.label)} | ${String(z.description)}`),
        ZONE_NAMES.map((name, i) => `Z${i + 1} · ${name} | ${zoneDescriptions(ftp)[i]}`),
      );
      assert.deepEqual(zones.flatMap((z) => provider.getChildren(z)), [], 'zones are leaves');
      assert.deepEqual(testRows().flatMap((row) => provider.getChildren(row)), [], 'test rows are leaves');
    });

    it('a test\'s tooltip lists the zones its result would set', () => {
      const row = testRows().find((r) => r.test?.calculatedFtp != null)!;
      const tooltip = (row.tooltip as vscode.MarkdownString).value;
      const result = row.test!.calculatedFtp!;
      assert.match(tooltip, /Power zones this result would set/);
      const expected = zoneDescriptions(result);
      assert.ok(tooltip.includes(`| Z4 · Threshold | 91\u2013105 % | ${expected[3]} |`), tooltip);
      assert.ok(tooltip.includes(`| Z7 · Neuromuscular | \\> 150 % | \\${expected[6]} |`), tooltip);
    });

    it('exports CSV through the save dialog (CSV and JSON offered) with the tree\'s tests, newest first', async () => {
      const target = vscode.Uri.file(join(dir, 'ftp-history.csv'));
      saveDialogAnswers.push(target);
      const written = await vscode.commands.executeCommand<vscode.Uri | undefined>('pelotonFtp.exportHistory');
      assert.equal(written?.fsPath, target.fsPath);
      const filters = saveDialogOptions.at(-1)?.filters ?? {};
      assert.deepEqual(Object.values(filters), [['csv'], ['json']]);
      const [header, ...records] = parse(await readFile(target.fsPath, 'utf8'), { record_delimiter: '\r\n' }) as string[][];
      assert.deepEqual(header, ['date', 'result_w', 'baseline_w', 'baseline_source', 'change_w', 'applied', 'avg_output_w', 'workout_id', 'title', 'q1_w', 'q2_w', 'q3_w', 'q4_w', 'half_split_pct']);
      const rows = testRows();
      assert.equal(records.length, rows.length);
      records.forEach(([date, result, baseline, , change, , , workoutId], i) => {
        const row = rows[i]!;
        assert.equal(workoutId, row.test!.workoutId);
        assert.equal(`${date} · ${result ? `${result} W` : 'no output data'}`, row.label, `row ${i}`);
        const test = row.test!;
        assert.equal(baseline, test.baselineFtp === null ? '' : String(test.baselineFtp), `row ${i}: baseline`);
        assert.equal(change, test.baselineFtp === null || test.calculatedFtp === null ? '' : String(test.calculatedFtp - test.baselineFtp), `row ${i}: change`);
        if (baseline && change) assert.ok(String(row.description).includes(`baseline ${baseline} W · ${formatChange(Number(change))}`), `row ${i}: ${String(row.description)}`);
      });
      assert.deepEqual(shown.info, [`Exported ${rows.length} FTP tests to ftp-history.csv.`]);
    });

    it('exports JSON to a target URI: valid against the schema, its tests equal the CSV\'s rows, no token in either file', async () => {
      const target = vscode.Uri.file(join(dir, 'ftp-history.json'));
      await vscode.commands.executeCommand('pelotonFtp.exportHistory', target);
      const text = await readFile(target.fsPath, 'utf8');
      const data = JSON.parse(text) as { schemaVersion: number; rider: { username: string }; currentFtp: { ftp_w: number }; tests: Array<Record<string, unknown>> };
      const ajv = new Ajv2020({ strict: true, allErrors: true });
      addFormats(ajv);
      const validate = ajv.compile(exportSchema);
      assert.ok(validate(data), JSON.stringify(validate.errors));
      assert.equal(data.rider.username, fake.rider.username);
      const rider = history()!.rider;
      assert.equal(data.currentFtp.ftp_w, rider.currentFtpSource === 'ftp_manual_source' ? Math.floor((rider.currentFtp! * 190 + 100) / 200) : rider.currentFtp);
      const [header, ...records] = parse(await readFile(join(dir, 'ftp-history.csv'), 'utf8'), { record_delimiter: '\r\n' }) as string[][];
      assert.deepEqual(
        // The JSON keeps pacing as one object ({quarters_w, half_split_pct} or null); the CSV spreads it over five columns.
        data.tests.map((t) => {
          const pacing = t.pacing as { quarters_w: number[]; half_split_pct: number } | null;
          const flat: Record<string, unknown> = { ...t, half_split_pct: pacing?.half_split_pct ?? null };
          (pacing?.quarters_w ?? [null, null, null, null]).forEach((w, i) => (flat[`q${i + 1}_w`] = w));
          return header!.map((c) => (flat[c] === null ? '' : String(flat[c])));
        }),
        records,
      );
      assert.deepEqual(data.tests.map((t) => t.workout_id), testRows().map((r) => r.test!.workoutId));
      const csv = await readFile(join(dir, 'ftp-history.csv'), 'utf8');
      for (const token of [fake.accessToken, fake.refreshToken]) {
        assert.ok(!text.includes(token) && !csv.includes(token), 'a token leaked into an export');
      }
    });

    it('a cancelled dialog writes nothing; a failed write says why and returns nothing', async () => {
      const before = (await readdir(dir)).sort();
      saveDialogAnswers.push(undefined);
      assert.equal(await vscode.commands.executeCommand('pelotonFtp.exportHistory'), undefined);
      assert.deepEqual((await readdir(dir)).sort(), before);
      assert.deepEqual(shown.info, []);
      // The folder itself as the target: the write fails.
      assert.equal(await vscode.commands.executeCommand('pelotonFtp.exportHistory', vscode.Uri.file(dir)), undefined);
      assert.equal(shown.error.length, 1);
      assert.match(shown.error[0]!, /^Could not export the FTP history to peloton-export-\w+: /);
    });
  });
}
