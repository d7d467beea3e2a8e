/**
 * Prepares everything needed to run the extension in a real VS Code on these machines:
 * Debian Chromium (browser), Node 24 (code-server's runtime) and code-server 4.139.1 (VS Code 1.139.1); from the
 * CLI also code-server 4.100.3 (VS Code 1.100.3, the oldest VS Code `engines.vscode` claims) on Node 20, see
 * setup/oldestCodeServer.ts.
 *
 * Idempotent and cached under `<repo>/.vscode-test/` (gitignored): a second run only checks marker files.
 * Safe on a fresh machine with CI=true and no stdin. See /work/shared/docs/REAL_VSCODE.md and
 * test/e2e/harness/README.md.
 *
 * CLI: `tsx scripts/setup-vscode.ts` (prints the resolved paths as JSON on the last line).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CHROMIUM, ensureAptPackages, KRB5_DEV } from './setup/apt';
import { codeServerIn, COMMON_NATIVE_MODULES, verifyCodeServer, type CodeServerInstall } from './setup/codeServerInstall';
import { installOnce } from './setup/installOnce';
import { ensureNodeFromRegistry, nodeEnv } from './setup/node';
import { ensureOldestCodeServer } from './setup/oldestCodeServer';
import { CACHE_DIR, log, runOrThrow, seconds } from './setup/run';

/** Version of code-server (VS Code 1.139.1) the harness is tested with. */
export const CODE_SERVER_VERSION = '4.139.1';
/** The VS Code version code-server {@link CODE_SERVER_VERSION} carries. */
const VSCODE_VERSION = '1.139.1';
/** Node version code-server runs on (code-server ≥ 4.133 needs Node 24). */
export const NODE24_VERSION = '24.21.0';
/** VS Code 1.13x runs a page's extension-test payload only with its smoke-test driver on. */
const SMOKE_TEST_DRIVER_ARGS = ['--vscode-option', 'enable-smoke-test-driver'];

/** Paths of a ready environment, as returned by {@link ensureVsCodeEnvironment}. */
export interface VsCodeEnvironment {
  /** code-server 4.139.1 on Node 24: what the harness starts unless told otherwise. */
  codeServer: CodeServerInstall;
  /** Node 24 folder (bin/node, include/node). */
  node24Dir: string;
  node24Bin: string;
  /** code-server's launcher (a `#!/usr/bin/env node` script: run it with Node 24 first on PATH, or use `codeServerEntry`). */
  codeServerBin: string;
  /** code-server's JavaScript entry point; run as `<node24Bin> <codeServerEntry> …`. */
  codeServerEntry: string;
  /** The Chromium executable (Debian's `/usr/bin/chromium` unless `CHROMIUM_PATH` is set). */
  chromiumPath: string;
  /** The cache folder (`<repo>/.vscode-test`). */
  cacheDir: string;
}

const CODE_SERVER_DIR = path.join(CACHE_DIR, 'code-server');
/** Native modules code-server 4.139 loads (relative to its package folder); each must `require()` under Node 24. */
const NATIVE_MODULES = [
  ...COMMON_NATIVE_MODULES,
  'lib/vscode/node_modules/@vscode/native-watchdog',
  'lib/vscode/node_modules/@vscode/sqlite3',
];

/** `npm install -g --prefix .vscode-test/code-server code-server@4.139.1`, built against Node 24, then verified. */
async function ensureCodeServer(): Promise<CodeServerInstall> {
  const node = await ensureNodeFromRegistry(NODE24_VERSION);
  await installOnce({
    what: `code-server ${CODE_SERVER_VERSION}`,
    dir: CODE_SERVER_DIR,
    stamp: `${CODE_SERVER_VERSION} node-${NODE24_VERSION}`,
    mustExist: 'lib/node_modules/code-server/out/node/entry.js',
    expected: 'compiles native modules, ~2-4 min on 2 cores',
    install: async (partial, logFile) => {
      await runOrThrow(
        'code-server install',
        'npm',
        [
          'install',
          '-g',
          '--prefix',
          partial,
          `code-server@${CODE_SERVER_VERSION}`,
          // npm 11 lists install scripts "not yet covered by allowScripts": today it only warns, but approve the two
          // that must run (code-server's postinstall builds VS Code's native modules; argon2's picks a prebuild).
          '--allow-scripts=code-server,argon2',
          '--no-audit',
          '--no-fund',
          '--loglevel=warn',
        ],
        { env: nodeEnv(node), cwd: CACHE_DIR, logFile },
      );
      log(`code-server ${CODE_SERVER_VERSION}: npm install done; verifying native modules …`);
      await verifyCodeServer(codeServerIn(partial, CODE_SERVER_VERSION, VSCODE_VERSION, node, SMOKE_TEST_DRIVER_ARGS), NATIVE_MODULES);
    },
  });
  return codeServerIn(CODE_SERVER_DIR, CODE_SERVER_VERSION, VSCODE_VERSION, node, SMOKE_TEST_DRIVER_ARGS);
}

let pending: Promise<VsCodeEnvironment> | undefined;

/**
 * Makes sure Chromium, Node 24 and code-server 4.139.1 are installed (installing what is missing) and returns their
 * paths. Idempotent: finished steps leave marker files in `.vscode-test/` and are skipped next time. Memoised per
 * process. Installs apt packages only when running as root; throws with instructions otherwise.
 */
export function ensureVsCodeEnvironment(): Promise<VsCodeEnvironment> {
  pending ??= (async () => {
    const started = Date.now();
    fs.mkdirSync(CACHE_DIR, { recursive: true });
    // The Kerberos headers matter only while code-server is still to be built.
    await ensureAptPackages(fs.existsSync(path.join(CODE_SERVER_DIR, '.installed')) ? [CHROMIUM] : [CHROMIUM, KRB5_DEV]);
    const codeServer = await ensureCodeServer();
    log(`environment ready (${seconds(started)})`);
    return {
      codeServer,
      node24Dir: codeServer.node.dir,
      node24Bin: codeServer.node.bin,
      codeServerBin: path.join(codeServer.prefix, 'bin', 'code-server'),
      codeServerEntry: codeServer.entry,
      chromiumPath: CHROMIUM.file,
      cacheDir: CACHE_DIR,
    };
  })();
  pending.catch(() => {
    pending = undefined;
  });
  return pending;
}

if (require.main === module) {
  (async () => {
    const env = await ensureVsCodeEnvironment();
    const oldest = await ensureOldestCodeServer();
    process.stdout.write(`${JSON.stringify({ ...env, oldestCodeServer: oldest })}\n`);
  })().catch((err: unknown) => {
    process.stderr.write(`[setup-vscode] FAILED: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  });
}
