/**
 * "Peloton: Sign In with Email and Password" inside a real VS Code extension host, against the fake Peloton API and
 * its fake Auth0 started in this process. The rider's typing is replaced by answers queued for
 * `window.showInputBox` (each call's options are kept, to check the boxes themselves); messages are recorded with
 * their buttons; a progress notification can be cancelled from the test. Runs after the token suite (signed out).
 */
import assert from 'node:assert/strict';
import { readFile, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import type { PelotonFtpExtensionApi } from '../../src/extension';
import { DEMO_EMAIL, DEMO_PASSWORD } from '../fakePeloton/auth0';
import { seedExample } from '../fakePeloton/datasets';
import { startFakePeloton, type FakePeloton } from '../fakePeloton/server';
import { filesUnder } from '../e2e/harness/files';
import { EXTENSION_ID, until } from './host';

const WRONG_PASSWORD = 'Not-The-Demo-Password-42';

interface Shown {
  kind: 'info' | 'warning' | 'error';
  message: string;
  buttons: string[];
}

export function registerPasswordSignInSuite(): void {
  describe('Sign In with Email and Password in the extension host', function () {
    this.timeout(60_000);
    let fake: FakePeloton;
    let api: PelotonFtpExtensionApi;
    const shown: Shown[] = [];
    const inputAnswers: Array<string | undefined> = [];
    const inputOptions: vscode.InputBoxOptions[] = [];
    /** Set to cancel the next progress notification when it reports this message. */
    let cancelOn: RegExp | undefined;
    /** Which button the next error message "clicks". */
    let clickOnError: string | undefined;
    let restore: () => void = () => undefined;
    /** Everything shown or thrown during the suite, searched for the password at the end. */
    const texts: string[] = [];

    before(async () => {
      fake = await startFakePeloton({ rider: seedExample() });
      const config = vscode.workspace.getConfiguration('pelotonFtp');
      await config.update('apiBaseUrl', fake.url, vscode.ConfigurationTarget.Global);
      await config.update('authBaseUrl', fake.url, vscode.ConfigurationTarget.Global);
      const win = vscode.window as unknown as Record<string, unknown>;
      const names = ['showInputBox', 'showInformationMessage', 'showWarningMessage', 'showErrorMessage', 'withProgress'];
      const saved = Object.fromEntries(names.map((n) => [n, win[n]]));
      const record = (kind: Shown['kind']) => async (message: string, ...rest: unknown[]) => {
        const buttons = rest.filter((r): r is string => typeof r === 'string');
        shown.push({ kind, message, buttons });
        texts.push(message, ...buttons);
        if (kind === 'error' && clickOnError && buttons.includes(clickOnError)) {
          const click = clickOnError;
          clickOnError = undefined;
          return click;
        }
        return undefined;
      };
      win.showInputBox = async (options: vscode.InputBoxOptions) => {
        inputOptions.push(options);
        return inputAnswers.shift();
      };
      win.showInformationMessage = record('info');
      win.showWarningMessage = record('warning');
      win.showErrorMessage = record('error');
      const realWithProgress = saved.withProgress as typeof vscode.window.withProgress;
      win.withProgress = <R>(options: vscode.ProgressOptions, task: (p: vscode.Progress<{ message?: string }>, t: vscode.CancellationToken) => Thenable<R>) => {
        if (!cancelOn) return realWithProgress(options, task);
        const source = new vscode.CancellationTokenSource();
        const trigger = cancelOn;
        return task({ report: (v) => v.message && trigger.test(v.message) && setTimeout(() => source.cancel(), 30) }, source.token);
      };
      restore = () => Object.assign(win, saved);
      const extension = vscode.extensions.getExtension<PelotonFtpExtensionApi>(EXTENSION_ID);
      assert.ok(extension);
      api = await extension.activate();
      if (api.account()) await vscode.commands.executeCommand('pelotonFtp.signOut');
    });

    after(async () => {
      restore();
      await fake?.close();
    });

    beforeEach(() => {
      shown.length = 0;
      inputOptions.length = 0;
      cancelOn = undefined;
      fake.resetCounts();
    });

    const errors = () => shown.filter((s) => s.kind === 'error');

    it('registers pelotonFtp.signInWithPassword', async () => {
      assert.ok((await vscode.commands.getCommands(true)).includes('pelotonFtp.signInWithPassword'));
    });

    it('asks for the email (checked as an email) and then the password (a password box)', async () => {
      inputAnswers.push(undefined); // dismiss the email box
      await vscode.commands.executeCommand('pelotonFtp.signInWithPassword');
      assert.equal(inputOptions.length, 1);
      const validate = inputOptions[0]!.validateInput!;
      assert.ok(validate('not an email'), 'an invalid email is refused');
      assert.equal(validate(DEMO_EMAIL), null);
      assert.notEqual(inputOptions[0]!.password, true);
      inputAnswers.push(DEMO_EMAIL, undefined); // dismiss the password box
      await vscode.commands.executeCommand('pelotonFtp.signInWithPassword');
      assert.equal(inputOptions[2]!.password, true, 'the second box hides what is typed');
      assert.match(inputOptions[2]!.title ?? '', /\(2\/2\)/);
      assert.equal(fake.count(), 0, 'nothing sent before both boxes are answered');
      assert.deepEqual(errors(), []);
    });

    it('a wrong password says so, sends the password once, stores nothing, and offers Sign In with Access Token', async () => {
      inputAnswers.push(DEMO_EMAIL, WRONG_PASSWORD);
      await vscode.commands.executeCommand('pelotonFtp.signInWithPassword');
      await until(() => errors().length > 0, 'the error message');
      assert.match(errors()[0]!.message, /^Wrong email or password\./);
      assert.deepEqual(errors()[0]!.buttons, ['Sign In with Access Token']);
      assert.equal(fake.count('/usernamepassword/login'), 1, 'no second attempt');
      assert.equal(api.account(), null);
    });

    it('the Sign In with Access Token button opens the token box', async () => {
      fake.auth0.failNext('challenge');
      clickOnError = 'Sign In with Access Token';
      inputAnswers.push(DEMO_EMAIL, DEMO_PASSWORD, undefined);
      await vscode.commands.executeCommand('pelotonFtp.signInWithPassword');
      await until(() => inputOptions.length === 3, 'the token box');
      assert.match(errors()[0]!.message, /^Peloton's sign-in page did not accept an automated sign-in\./);
      assert.equal(inputOptions[2]!.title, 'Sign in to Peloton');
      assert.equal(fake.count('/usernamepassword/login'), 0, 'the password never left: the page was a bot check');
    });

    for (const [failure, expected] of [
      ['too-many-attempts', /^Too many sign-in attempts/],
      ['blocked', /^Peloton has blocked this account/],
      ['no-form', /^Peloton's sign-in page did not accept an automated sign-in\./],
    ] as const) {
      it(`${failure}: a clear error with the token button, nothing stored`, async () => {
        fake.auth0.failNext(failure);
        inputAnswers.push(DEMO_EMAIL, DEMO_PASSWORD);
        await vscode.commands.executeCommand('pelotonFtp.signInWithPassword');
        await until(() => errors().length > 0, 'the error message');
        assert.match(errors()[0]!.message, expected);
        assert.deepEqual(errors()[0]!.buttons, ['Sign In with Access Token']);
        assert.equal(api.account(), null);
      });
    }

    it('cancelling the progress stores nothing and shows no error', async () => {
      fake.fault({ match: '/usernamepassword/login', kind: 'hang' });
      cancelOn = /Checking your email and password/;
      inputAnswers.push(DEMO_EMAIL, DEMO_PASSWORD);
      await vscode.commands.executeCommand('pelotonFtp.signInWithPassword');
      assert.equal(api.account(), null);
      assert.deepEqual(errors(), []);
      assert.equal(fake.count('/oauth/token'), 0);
    });

    it('signs in with the email and password: "Signed in to Peloton as <username>", and the history loads', async () => {
      inputAnswers.push(DEMO_EMAIL, DEMO_PASSWORD);
      await vscode.commands.executeCommand('pelotonFtp.signInWithPassword');
      assert.deepEqual(
        shown.filter((s) => s.kind === 'info').map((s) => s.message),
        [`Signed in to Peloton as ${fake.rider.username}`],
      );
      assert.equal(api.account()?.username, fake.rider.username);
      assert.equal(api.account()?.userId, fake.rider.userId);
      assert.equal(fake.count('/usernamepassword/login'), 1);
      assert.equal(fake.auth0.codesRedeemed, 1);
      await until(() => !api.history.state.refreshing && (api.history.state.history?.tests.length ?? 0) > 0, 'the history');
    });

    it('a refresh after the password sign-in uses the tokens it got (no 401)', async () => {
      await vscode.commands.executeCommand('pelotonFtp.refresh');
      assert.ok(fake.requests.length > 0);
      assert.equal(fake.requests.filter((r) => r.status === 401).length, 0);
    });

    it("a password session's refused refresh token: \"Your Peloton session expired.\" with Sign In (its token family is its own: no browser named)", async () => {
      fake.revokeAll();
      await vscode.commands.executeCommand('pelotonFtp.refresh');
      const warnings = shown.filter((s) => s.kind === 'warning');
      assert.deepEqual(warnings.map((w) => [w.message, w.buttons]), [['Your Peloton session expired. The last good history stays on screen.', ['Sign In']]]);
      assert.equal(api.account(), null);
      assert.equal(fake.count('/oauth/token'), 1);
    });

    it('the password appears in no log, output channel file, message, setting or stored file', async () => {
      const secrets = [DEMO_PASSWORD, WRONG_PASSWORD];
      // the user data folder: up from this extension's log folder to the one holding User/
      let userData = api.logUri.fsPath;
      while (dirname(userData) !== userData && !(await stat(join(userData, 'User')).catch(() => null))) userData = dirname(userData);
      const roots = [api.logUri.fsPath, ...(dirname(userData) !== userData ? [userData] : [])];
      const files = [...new Set(roots.flatMap((root) => filesUnder(root)))];
      assert.ok(files.some((f) => f.endsWith('.log')), `log files under ${api.logUri.fsPath}`);
      let searched = 0;
      for (const file of files) {
        const bytes = await readFile(file).catch(() => null);
        if (!bytes || bytes.length > 64 * 1024 * 1024) continue;
        searched++;
        for (const secret of secrets) {
          assert.ok(!bytes.includes(Buffer.from(secret, 'utf8')), `the password is in ${file}`);
          assert.ok(!bytes.includes(Buffer.from(secret, 'utf16le')), `the password is in ${file} (UTF-16)`);
        }
      }
      const logText = (await Promise.all(files.filter((f) => f.startsWith(api.logUri.fsPath)).map((f) => readFile(f, 'utf8')))).join('\n');
      assert.match(logText, /POST \/usernamepassword\/login → 400/, 'the wrong-password exchange is logged (without the password)');
      assert.ok(!logText.toLowerCase().includes(DEMO_EMAIL.toLowerCase()), 'the email is not logged');
      const settings = JSON.stringify(vscode.workspace.getConfiguration().inspect('pelotonFtp')) + JSON.stringify(vscode.workspace.getConfiguration('pelotonFtp'));
      for (const text of [...texts, settings, JSON.stringify(api.account()), JSON.stringify(api.history.state)]) {
        for (const secret of secrets) assert.ok(!text.includes(secret), `the password is in: ${text.slice(0, 200)}`);
      }
      console.log(`searched ${searched} files under ${roots.join(', ')} for the password`);
    });
  });
}
