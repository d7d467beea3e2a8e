/**
 * `npm start`: the extension's main job on this machine, end to end. Packages the extension quietly (its output
 * shows only when it fails), starts the fake Peloton API with the demo rider on 127.0.0.1 and a real VS Code
 * (code-server) with the extension pointed at it, then ends with a short block: the URL, the demo email and
 * password, and where the demo tokens are (a file under the cache folder, mode 0600). Ctrl+C stops both.
 * Options: `--dataset <name>` (default demo), `--port <n>` for the fake API, `--code-port <n>` for code-server
 * (default: free ports), `--print-tokens` to print the demo tokens too.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { nowSeconds } from '../src/shared/dates';
import { getDataset } from '../test/fakePeloton/datasets';
import { ACCESS_TOKEN_LIFETIME_SECONDS, makeLocalStorageValue } from '../test/fakePeloton/jwt';
import { startFakePeloton } from '../test/fakePeloton/server';
import { startCodeServer } from '../test/e2e/harness/codeServer';
import { ensureVsCodeEnvironment } from './setup-vscode';
import { startBanner, stopMessage, writeTokensFile } from './startBanner';

const root = resolve(__dirname, '..');

const { values: options } = parseArgs({
  options: {
    dataset: { type: 'string', default: 'demo' },
    port: { type: 'string', default: '0' },
    'code-port': { type: 'string', default: '0' },
    'print-tokens': { type: 'boolean', default: false },
  },
});

/** A path as the reader should see it: relative to the repository when inside it. */
function shown(path: string): string {
  const rel = relative(root, path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

/**
 * Runs `npm run package` with its output held back (the build's sizes, vsce's file tree), and returns the .vsix's
 * path. @throws after printing the whole output when packaging fails.
 */
function packageQuietly(): string {
  process.stdout.write('Packaging the extension (production build and vsce) … ');
  const result = spawnSync(process.execPath, ['scripts/package.mjs'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.status !== 0) {
    process.stdout.write('failed:\n');
    process.stderr.write(`${result.stdout}${result.stderr}`);
    throw new Error(`npm run package failed (${result.error?.message ?? `exit ${result.status ?? result.signal}`})`);
  }
  const vsix = readdirSync(root).find((name) => name.endsWith('.vsix'));
  if (!vsix) throw new Error('npm run package made no .vsix');
  process.stdout.write(`${vsix}\n`);
  return resolve(root, vsix);
}

/** The size of `folder` in MB (`du -sm`), or null when it cannot be measured. */
function megabytesOf(folder: string): number | null {
  const result = spawnSync('du', ['-sm', folder], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const megabytes = Number.parseInt(result.stdout ?? '', 10);
  return result.status === 0 && Number.isFinite(megabytes) ? megabytes : null;
}

async function main(): Promise<void> {
  const { cacheDir: cacheFolder } = await ensureVsCodeEnvironment();
  const vsixPath = packageQuietly();
  const fake = await startFakePeloton({ rider: getDataset(options.dataset), port: Number(options.port) });
  const server = await startCodeServer({
    vsixPath,
    port: Number(options['code-port']),
    // The Welcome page at start, as in a fresh VS Code profile: it lists the extension's walkthrough.
    userSettings: { 'pelotonFtp.apiBaseUrl': fake.url, 'pelotonFtp.authBaseUrl': fake.url, 'workbench.startupEditor': 'welcomePage' },
  });
  const localStorageValue = makeLocalStorageValue({
    accessToken: fake.accessToken,
    refreshToken: fake.refreshToken,
    expiresAt: nowSeconds() + ACCESS_TOKEN_LIFETIME_SECONDS,
  });
  const tokensPath = join(cacheFolder, 'demo-tokens.txt');
  writeTokensFile(tokensPath, { fakeApiUrl: fake.url, accessToken: fake.accessToken, localStorageValue });
  const cacheDir = `${shown(cacheFolder)}/`;
  const cacheMegabytes = megabytesOf(cacheFolder);
  if (options['print-tokens']) console.log(`\nDemo access token:\n${fake.accessToken}\n\nWeb-app localStorage value:\n${localStorageValue}`);
  console.log(
    startBanner({
      codeServerUrl: server.url,
      fakeApiUrl: fake.url,
      username: fake.rider.username,
      email: fake.auth0.email,
      password: fake.auth0.password,
      tokensFile: shown(tokensPath),
      cacheDir,
      cacheMegabytes,
      tokensPrinted: options['print-tokens'],
    }),
  );
  let stopping = false;
  const stop = async () => {
    // Under `npm start` Ctrl+C arrives twice (from the terminal, and relayed by npm): stop once, and keep the
    // handler, since a signal with no handler left would end the process before the stop message.
    if (stopping) return;
    stopping = true;
    await server.stop();
    await fake.close();
    rmSync(tokensPath, { force: true });
    console.log(`\n${stopMessage({ codeServerUrl: server.url, fakeApiUrl: fake.url, tokensFile: shown(tokensPath), cacheDir, cacheMegabytes })}`);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
