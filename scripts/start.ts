/**
 * `npm start`: the extension's main job on this machine, end to end. Builds and packages the extension,
 * starts the fake Peloton API with the demo rider on 127.0.0.1 and a real VS Code (code-server) with the
 * extension pointed at it, then prints the URL to open and the demo token to paste. Ctrl+C stops both.
 * Options: `--dataset <name>` (default demo), `--port <n>` for the fake API.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { nowSeconds } from '../src/shared/dates';
import { getDataset } from '../test/fakePeloton/datasets';
import { ACCESS_TOKEN_LIFETIME_SECONDS, makeLocalStorageValue } from '../test/fakePeloton/jwt';
import { startFakePeloton } from '../test/fakePeloton/server';
import { startCodeServer } from '../test/e2e/harness/codeServer';
import { ensureVsCodeEnvironment } from './setup-vscode';

const root = resolve(__dirname, '..');

const { values: options } = parseArgs({
  options: { dataset: { type: 'string', default: 'demo' }, port: { type: 'string', default: '0' } },
});

async function main(): Promise<void> {
  await ensureVsCodeEnvironment();
  execFileSync(process.execPath, ['scripts/package.mjs'], { cwd: root, stdio: 'inherit' });
  const vsix = readdirSync(root).find((name) => name.endsWith('.vsix'));
  if (!vsix) throw new Error('npm run package made no .vsix');
  const fake = await startFakePeloton({ rider: getDataset(options.dataset), port: Number(options.port) });
  const server = await startCodeServer({
    vsixPath: resolve(root, vsix),
    userSettings: { 'pelotonFtp.apiBaseUrl': fake.url, 'pelotonFtp.authBaseUrl': fake.url },
  });
  const expiresAt = nowSeconds() + ACCESS_TOKEN_LIFETIME_SECONDS;
  console.log(`
Peloton FTP History is running in VS Code.

  Open:              ${server.url}
  Fake Peloton API:  ${fake.url} (rider "${fake.rider.username}")

  In VS Code: F1 → "Peloton: Sign In with Email and Password", with the demo account:

    email:     ${fake.auth0.email}
    password:  ${fake.auth0.password}

  or F1 → "Peloton: Sign In with Access Token", paste the demo access token:

${fake.accessToken}

  or the whole web-app localStorage value (renews itself with its refresh token):

${makeLocalStorageValue({ accessToken: fake.accessToken, refreshToken: fake.refreshToken, expiresAt })}

Press Ctrl+C to stop.`);
  const stop = async () => {
    await server.stop();
    await fake.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
