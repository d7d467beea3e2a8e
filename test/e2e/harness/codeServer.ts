/**
 * Starts a real VS Code (code-server 4.139.1 = VS Code 1.139.1, or another install such as 4.100.3 given as
 * `codeServer`) with the extension installed from a `.vsix`, in a scratch folder of its own under
 * `.vscode-test/runs/<id>`. See README.md beside this file.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as path from 'node:path';
import { CODE_SERVER_VERSION, ensureVsCodeEnvironment } from '../../../scripts/setup-vscode';
import { ensureOldestCodeServer, OLDEST_CODE_SERVER_VERSION } from '../../../scripts/setup/oldestCodeServer';
import type { CodeServerInstall } from '../../../scripts/setup/codeServerInstall';
import { nodeEnv } from '../../../scripts/setup/node';
import { writeLanguagePacksJson } from './languagePack';

/** Options for {@link startCodeServer}. */
export interface StartCodeServerOptions {
  /**
   * The code-server to start (e.g. `await selectCodeServer('oldest')` for VS Code 1.100). Default:
   * `selectCodeServer('newest')`, i.e. code-server 4.139.1 (VS Code 1.139.1) unless env `E2E_CODE_SERVER` says.
   */
  codeServer?: CodeServerInstall;
  /** A `.vsix` to install into this instance's own extensions folder before start (omit to start without one). */
  vsixPath?: string;
  /** More `.vsix` files to install after {@link vsixPath} (e.g. a language pack, see languagePack.ts). */
  extraVsixPaths?: string[];
  /**
   * The display language, passed as `--locale` (e.g. `de`). VS Code 1.139 in code-server switches the
   * workbench's language, and so `vscode.env.language` and the extensions' l10n bundles, only when a language
   * pack for it is installed (`ud/languagepacks.json`); without one it stays English. See languagePack.ts.
   */
  locale?: string;
  /** User settings merged over {@link DEFAULT_TEST_SETTINGS} into `ud/User/settings.json` before start. */
  userSettings?: Record<string, unknown>;
  /**
   * Start with the install's `smokeTestDriverArgs` (4.139: `--vscode-option enable-smoke-test-driver`; 4.100: none):
   * needed for the in-host test payload (see inHost.ts). It also hides notification toasts, so keep UI tests on a
   * server without it.
   */
  smokeTestDriver?: boolean;
  /** The folder the workbench opens by default (created if missing). Default: `<dataDir>/workspace`. */
  workspaceFolder?: string;
  /** Keep the scratch folder after stop() (also when env `E2E_KEEP_RUNS=1`). Default: removed. */
  keepDataDir?: boolean;
  /** Echo the server's output to stdout prefixed `[code-server]` (also when env `E2E_VERBOSE=1`). */
  echoLog?: boolean;
  /** Milliseconds to wait for `/healthz`. Default 60 000. */
  startTimeoutMs?: number;
  /** The TCP port on 127.0.0.1 (e.g. one forwarded from a container). Default: a free one. */
  port?: number;
}

/** A running code-server, as returned by {@link startCodeServer}. */
export interface CodeServerInstance {
  /** Base URL, e.g. `http://127.0.0.1:41234/` (opens {@link workspaceFolder}). */
  url: string;
  /** TCP port on 127.0.0.1. */
  port: number;
  /** The scratch folder `.vscode-test/runs/<id>` (config.yaml, ud/, ext/, xdg/, server.log). */
  dataDir: string;
  /** VS Code user data folder (`<dataDir>/ud`; logs under `ud/logs`). */
  userDataDir: string;
  /** Extensions folder the vsix was installed into (`<dataDir>/ext`). */
  extensionsDir: string;
  /** The workspace folder opened by default. */
  workspaceFolder: string;
  /** The server's combined stdout/stderr. */
  logFile: string;
  /** The code-server this is (version, VS Code version, its Node). */
  codeServer: CodeServerInstall;
  /** URL that opens `folder` (default {@link workspaceFolder}) in the workbench, with extra query parameters. */
  folderUrl(folder?: string, extraQuery?: Record<string, string>): string;
  /** Server log plus every file under `ud/logs` (exthost.log, remoteagent.log …), for failure reports. */
  readLogs(): string;
  /** Kills the server's whole process group (extension host included) and removes the scratch folder. Idempotent. */
  stop(): Promise<void>;
}

/** The code-server installs a suite can run on: the newest (4.139.1) and the oldest VS Code claimed (4.100.3). */
export type CodeServerChoice = 'newest' | 'oldest';

/** Which install a suite whose own default is `byDefault` runs on: env `E2E_CODE_SERVER` (`newest`/`oldest`) wins. */
export function codeServerChoice(byDefault: CodeServerChoice): CodeServerChoice {
  const wanted = process.env.E2E_CODE_SERVER ?? byDefault;
  if (wanted !== 'newest' && wanted !== 'oldest') throw new Error(`E2E_CODE_SERVER must be "newest" or "oldest", not "${wanted}"`);
  return wanted;
}

/** The code-server version of a choice (`4.139.1` or `4.100.3`), known before anything is installed. */
export function codeServerVersion(choice: CodeServerChoice): string {
  return choice === 'oldest' ? OLDEST_CODE_SERVER_VERSION : CODE_SERVER_VERSION;
}

/** Installs (once, cached) and returns the code-server of {@link codeServerChoice}`(byDefault)`. */
export async function selectCodeServer(byDefault: CodeServerChoice): Promise<CodeServerInstall> {
  return codeServerChoice(byDefault) === 'oldest' ? ensureOldestCodeServer() : (await ensureVsCodeEnvironment()).codeServer;
}

/** Settings every test instance gets (overridable through `userSettings`): a quiet, deterministic workbench. */
export const DEFAULT_TEST_SETTINGS: Readonly<Record<string, unknown>> = {
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'chat.disableAIFeatures': true,
  'git.openRepositoryInParentFolders': 'never',
  'editor.accessibilitySupport': 'off',
  'window.restoreWindows': 'none',
  // The fakes the in-host suites start listen in the extension host: no port to forward to the browser, and VS Code's
  // port finder would otherwise scan the process table for them while a timed test runs (~70 ms of the host's CPU).
  'remote.autoForwardPorts': false,
  'remote.autoForwardPortsSource': 'output',
};

const live = new Set<ChildProcess>();
let exitHookInstalled = false;
let counter = 0;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Last resort: never leave a server (and its extension host) running after the test process ends.
  process.on('exit', () => {
    for (const child of live) killGroup(child, 'SIGKILL');
  });
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      /* already gone */
    }
  }
}

/** Asks the OS for a free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('no port'));
      });
    });
  });
}

function httpStatus(url: string, timeoutMs: number): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get(url, { timeout: timeoutMs }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
  });
}

function pruneOldRuns(runsDir: string): void {
  const maxAgeMs = 12 * 60 * 60 * 1000;
  let entries: string[];
  try {
    entries = fs.readdirSync(runsDir);
  } catch {
    return;
  }
  for (const name of entries) {
    const full = path.join(runsDir, name);
    try {
      if (Date.now() - fs.statSync(full).mtimeMs > maxAgeMs) fs.rmSync(full, { recursive: true, force: true });
    } catch {
      /* another process may be pruning too */
    }
  }
}

function readTree(dir: string): string {
  let out = '';
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out += readTree(full);
    else if (entry.isFile() && entry.name.endsWith('.log')) out += `\n===== ${full} =====\n${fs.readFileSync(full, 'utf8')}`;
  }
  return out;
}

/** Environment for a code-server process confined to `dataDir` (XDG folders), with its Node first on PATH. */
function serverEnv(codeServer: CodeServerInstall, dataDir: string): NodeJS.ProcessEnv {
  const xdg = path.join(dataDir, 'xdg');
  return {
    ...nodeEnv(codeServer.node),
    XDG_CONFIG_HOME: path.join(xdg, 'config'),
    XDG_DATA_HOME: path.join(xdg, 'data'),
    XDG_CACHE_HOME: path.join(xdg, 'cache'),
    // Never let the server pick up a password from the environment; --auth none is passed anyway.
    EXTENSIONS_GALLERY: '{}',
    PASSWORD: undefined,
    HASHED_PASSWORD: undefined,
  };
}

/**
 * Installs a `.vsix` into `extensionsDir` with code-server's CLI (`--install-extension`). Used by
 * {@link startCodeServer}; inHost.ts also uses it to unpack a vsix into a folder.
 */
export async function installVsix(
  codeServer: CodeServerInstall,
  dataDir: string,
  vsixPath: string,
  extensionsDir: string,
): Promise<void> {
  if (!fs.existsSync(vsixPath)) throw new Error(`vsix not found: ${vsixPath}`);
  const result = spawnSync(
    codeServer.node.bin,
    [
      codeServer.entry,
      '--config',
      path.join(dataDir, 'config.yaml'),
      '--user-data-dir',
      path.join(dataDir, 'ud'),
      '--extensions-dir',
      extensionsDir,
      '--install-extension',
      path.resolve(vsixPath),
      '--force',
    ],
    { env: serverEnv(codeServer, dataDir), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 },
  );
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (result.status !== 0 || !/successfully installed/i.test(output)) {
    throw new Error(`installing ${vsixPath} failed (exit ${result.status ?? result.signal}):\n${output}`);
  }
}

/** Makes the scratch folder `.vscode-test/runs/<id>` with config.yaml and the xdg/ud/ext sub-folders. */
export function makeRunDir(cacheDir: string): string {
  const runsDir = path.join(cacheDir, 'runs');
  fs.mkdirSync(runsDir, { recursive: true });
  pruneOldRuns(runsDir);
  // Short id: unix socket paths (ud/code-server-ipc.sock) must stay under 108 characters.
  const id = `${Date.now().toString(36)}-${process.pid.toString(36)}-${(counter++).toString(36)}`;
  const dataDir = path.join(runsDir, id);
  for (const sub of ['xdg/config', 'xdg/data', 'xdg/cache', 'ud/User', 'ext']) fs.mkdirSync(path.join(dataDir, sub), { recursive: true });
  fs.writeFileSync(path.join(dataDir, 'config.yaml'), 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n');
  return dataDir;
}

/**
 * Starts code-server on a free port of 127.0.0.1 with the vsix installed and test settings written, waits until
 * `/healthz` answers, and returns its URL and a stop() that kills its process group.
 */
export async function startCodeServer(opts: StartCodeServerOptions): Promise<CodeServerInstance> {
  const env = await ensureVsCodeEnvironment();
  const codeServer = opts.codeServer ?? (await selectCodeServer('newest'));
  installExitHook();
  const started = Date.now();
  const dataDir = makeRunDir(env.cacheDir);
  const userDataDir = path.join(dataDir, 'ud');
  const extensionsDir = path.join(dataDir, 'ext');
  const logFile = path.join(dataDir, 'server.log');
  const workspaceFolder = path.resolve(opts.workspaceFolder ?? path.join(dataDir, 'workspace'));
  fs.mkdirSync(workspaceFolder, { recursive: true });
  const keep = opts.keepDataDir ?? process.env.E2E_KEEP_RUNS === '1';
  const echo = opts.echoLog ?? process.env.E2E_VERBOSE === '1';

  const settings = { ...DEFAULT_TEST_SETTINGS, ...(opts.userSettings ?? {}) };
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), `${JSON.stringify(settings, null, 2)}\n`);

  if (opts.vsixPath) await installVsix(codeServer, dataDir, opts.vsixPath, extensionsDir);
  for (const extra of opts.extraVsixPaths ?? []) await installVsix(codeServer, dataDir, extra, extensionsDir);
  // The CLI install skips VS Code's language pack registration, which resolving --locale needs.
  if (opts.locale) writeLanguagePacksJson(extensionsDir, userDataDir);
  const installedMs = Date.now() - started;

  const port = opts.port || (await freePort());
  const args = [
    codeServer.entry,
    '--config',
    path.join(dataDir, 'config.yaml'),
    '--user-data-dir',
    userDataDir,
    '--extensions-dir',
    extensionsDir,
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
  ];
  if (opts.smokeTestDriver) args.push(...codeServer.smokeTestDriverArgs);
  if (opts.locale) args.push('--locale', opts.locale);
  args.push(workspaceFolder);

  const logStream = fs.createWriteStream(logFile, { flags: 'a' });
  const child = spawn(codeServer.node.bin, args, {
    cwd: dataDir,
    env: serverEnv(codeServer, dataDir),
    detached: true, // own process group, so stop() reaches the extension host and pty host too
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const exitPromise = new Promise<void>((resolve) => {
    child.on('exit', (code, signal) => {
      exited = { code, signal };
      live.delete(child);
      resolve();
    });
    child.on('error', (err) => {
      logStream.write(`spawn error: ${err.message}\n`);
      exited = { code: -1, signal: null };
      live.delete(child);
      resolve();
    });
  });
  const onData = (chunk: Buffer): void => {
    logStream.write(chunk);
    if (echo) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) process.stdout.write(`[code-server] ${line}\n`);
    }
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);

  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    if (!exited) {
      killGroup(child, 'SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, 5000);
      });
      await Promise.race([exitPromise, grace]);
      clearTimeout(timer);
    }
    // The group may outlive the main process (extension host, pty host): always finish it off.
    killGroup(child, 'SIGKILL');
    await new Promise<void>((resolve) => logStream.end(resolve));
    if (!keep) fs.rmSync(dataDir, { recursive: true, force: true });
  };

  const base = `http://127.0.0.1:${port}/`;
  const deadline = Date.now() + (opts.startTimeoutMs ?? 60_000);
  for (;;) {
    if (exited) {
      const log = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '';
      await stop();
      throw new Error(`code-server exited during start (code ${exited.code}, signal ${exited.signal}):\n${log}`);
    }
    if ((await httpStatus(`${base}healthz`, 1000)) === 200) break;
    if (Date.now() > deadline) {
      const log = fs.readFileSync(logFile, 'utf8');
      await stop();
      throw new Error(`code-server did not answer /healthz on port ${port} in time:\n${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  process.stdout.write(
    `[harness] code-server ${codeServer.version} (VS Code ${codeServer.vscodeVersion}) on ${base} (${opts.vsixPath ? `vsix installed in ${(installedMs / 1000).toFixed(1)} s, ` : ''}` +
      `ready in ${((Date.now() - started) / 1000).toFixed(1)} s${opts.smokeTestDriver ? ', smoke-test driver' : ''}; data ${dataDir})\n`,
  );

  return {
    url: base,
    port,
    dataDir,
    userDataDir,
    extensionsDir,
    workspaceFolder,
    logFile,
    codeServer,
    folderUrl(folder = workspaceFolder, extraQuery = {}) {
      const query = new URLSearchParams({ folder: path.resolve(folder), ...extraQuery });
      return `${base}?${query.toString()}`;
    },
    readLogs() {
      const server = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '';
      return `===== ${logFile} =====\n${server}${readTree(path.join(userDataDir, 'logs'))}`;
    },
    stop,
  };
}
