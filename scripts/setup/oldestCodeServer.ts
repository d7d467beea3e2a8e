/**
 * code-server 4.100.3 = VS Code 1.100.3, the oldest VS Code `engines.vscode` claims, so the UI smoke can run there
 * too (test/e2e/smoke/). Cached in `<cache>/code-server-4.100.3` next to 4.139.1, with a marker file.
 *
 * code-server lines up to 4.117 fail a plain `npm install -g` as root, so this installs by hand, as found to work
 * in /work/shared/docs/REAL_VSCODE.md ("An older VS Code"): npm 10 (npm 11 breaks the nested install), the package
 * with `--ignore-scripts`, VS Code's modules in `lib/vscode`, Debian's `rg` in place of the binary
 * `@vscode/ripgrep` would download from GitHub (unreachable here), `npm rebuild` for the native modules, then the
 * package's own postinstall.sh. It runs on Node 20 (its postinstall refuses any other major): the machine's own.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ensureAptPackages, KRB5_DEV, RIPGREP } from './apt';
import { codeServerIn, COMMON_NATIVE_MODULES, PACKAGE_REL, verifyCodeServer, type CodeServerInstall } from './codeServerInstall';
import { installOnce } from './installOnce';
import { ensureNodeMajor, nodeEnv } from './node';
import { CACHE_DIR, log, runOrThrow, seconds } from './run';

/** The code-server release that carries the oldest VS Code the extension claims (`engines.vscode`). */
export const OLDEST_CODE_SERVER_VERSION = '4.100.3';
/** The VS Code version code-server {@link OLDEST_CODE_SERVER_VERSION} carries. */
const OLDEST_VSCODE_VERSION = '1.100.3';
/** Node 20 from the registry, used only when the Node running this is not a Node 20 with its headers. */
const NODE20_FALLBACK_VERSION = '20.20.2';
/** npm 10's last release: code-server 4.100's postinstall runs nested `npm install`s that npm 11 breaks. */
const NPM10_VERSION = '10.9.9';

const DIR = path.join(CACHE_DIR, `code-server-${OLDEST_CODE_SERVER_VERSION}`);
const RG_REL = 'lib/vscode/node_modules/@vscode/ripgrep/bin/rg';
/** Native modules code-server 4.100 loads on Linux (relative to its package folder); each must load under Node 20. */
const NATIVE_MODULES = [
  ...COMMON_NATIVE_MODULES,
  'lib/vscode/node_modules/native-watchdog',
];
const QUIET = ['--no-audit', '--no-fund', '--loglevel=warn'];

/**
 * Makes sure code-server 4.100.3 is installed under `<cache>/code-server-4.100.3` (installing it, about 2 minutes
 * on 2 cores, when the marker is missing) and returns it. Installs apt's ripgrep and libkrb5-dev when missing (as
 * root; throws with the command to run otherwise). @throws when a step fails (the message names it and the log).
 */
export async function ensureOldestCodeServer(): Promise<CodeServerInstall> {
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  const node = await ensureNodeMajor(20, NODE20_FALLBACK_VERSION);
  await installOnce({
    what: `code-server ${OLDEST_CODE_SERVER_VERSION}`,
    dir: DIR,
    // Every Node 20 has the same module ABI (115), so the machine's and the fallback serve the same build.
    stamp: `${OLDEST_CODE_SERVER_VERSION} node-20`,
    mustExist: path.join(PACKAGE_REL, 'out/node/entry.js'),
    expected: 'npm 10, native modules for Node 20, ~2 min on 2 cores',
    install: async (partial, logFile) => {
      await ensureAptPackages([KRB5_DEV, RIPGREP]);
      const npm10 = path.join(partial, '.npm-10');
      // npm 10 first on PATH once it is there (the first step installs it with the machine's npm). Root runs install
      // scripts only with unsafe_perm, says postinstall.sh.
      const env = { ...nodeEnv(node, [path.join(npm10, 'bin')]), npm_config_unsafe_perm: 'true' };
      const pkg = path.join(partial, PACKAGE_REL);
      const vscode = path.join(pkg, 'lib', 'vscode');
      const took: string[] = [];
      const step = async <T>(what: string, work: () => Promise<T>): Promise<T> => {
        const started = Date.now();
        const result = await work();
        took.push(`${what} ${seconds(started)}`);
        return result;
      };
      const npm = (what: string, args: string[], cwd: string) =>
        step(what, () => runOrThrow(what, 'npm', [...args, ...QUIET], { env, cwd, logFile }));

      await npm('npm 10', ['install', '-g', '--prefix', npm10, `npm@${NPM10_VERSION}`], partial);
      await npm('download', ['install', '-g', '--prefix', partial, '--ignore-scripts', `code-server@${OLDEST_CODE_SERVER_VERSION}`], partial);
      await npm("VS Code's modules", ['install', '--omit=dev', '--ignore-scripts'], vscode);
      // @vscode/ripgrep's postinstall skips its download when bin/ exists.
      const rg = path.join(pkg, RG_REL);
      fs.mkdirSync(path.dirname(rg), { recursive: true });
      fs.copyFileSync(RIPGREP.file, rg);
      fs.chmodSync(rg, 0o755);
      log(`code-server ${OLDEST_CODE_SERVER_VERSION}: building native modules for Node ${node.version} …`);
      await npm("VS Code's native modules", ['rebuild'], vscode);
      await npm("code-server's native modules", ['rebuild'], pkg);
      // postinstall.sh reads the Node major from npm's user agent, links node_modules.asar and the helper scripts, and
      // installs the built-in extensions' shared modules.
      const npmVersion = (await runOrThrow('npm --version', 'npm', ['--version'], { env })).stdout.trim();
      await step('postinstall.sh', () =>
        runOrThrow('code-server postinstall', 'sh', ['./postinstall.sh'], {
          env: { ...env, npm_config_user_agent: `npm/${npmVersion} node/v${node.version} linux x64` },
          cwd: pkg,
          logFile,
        }),
      );
      fs.rmSync(npm10, { recursive: true, force: true });
      await runOrThrow('ripgrep', rg, ['--version']);
      await step('verify', () => verifyCodeServer(codeServerIn(partial, OLDEST_CODE_SERVER_VERSION, OLDEST_VSCODE_VERSION, node, []), NATIVE_MODULES));
      log(`code-server ${OLDEST_CODE_SERVER_VERSION}: ${took.join(', ')}`);
    },
  });
  // code-server 4.100 has no --vscode-option; its VS Code runs a page's extension-test payload without the driver.
  return codeServerIn(DIR, OLDEST_CODE_SERVER_VERSION, OLDEST_VSCODE_VERSION, node, []);
}
