/**
 * Runs a test module inside a real VS Code extension host (code-server), like @vscode/test-electron's
 * `extensionTestsPath`: the module exports `run(): Promise<void>`, the same one test-electron would load.
 *
 * How: a code-server with its smoke-test driver on (4.139: `--vscode-option enable-smoke-test-driver`; 4.100 needs
 * none), a browser page with `codeAutomationLog` and `codeAutomationExit` exposed before navigation, and
 * `/?folder=…&payload=[["extensionDevelopmentPath",…],["extensionTestsPath",…]]` with both paths as
 * `vscode-remote://127.0.0.1:<port><abs path>` URIs.
 * VS Code calls `codeAutomationExit(code)` once `run()` settles: 0 when it resolved, 1 when it rejected.
 * See README.md beside this file.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as util from 'node:util';
import { launchBrowser, screenshot } from './browser';
import { installVsix, startCodeServer } from './codeServer';

/** Options for {@link runInExtensionHost}. Give exactly one of `extensionDevelopmentPath` and `vsixPath`. */
export interface RunInExtensionHostOptions {
  /** The unpacked extension: a folder with package.json and its built `main` (e.g. dist/extension.js). */
  extensionDevelopmentPath?: string;
  /** A `.vsix`; it is unpacked (installed into a folder of its own) and loaded as the development extension. */
  vsixPath?: string;
  /** Absolute path of a CommonJS module exporting `run(): Promise<void>` (e.g. a mocha runner). */
  extensionTestsPath: string;
  /** Folder the window opens. Default: an empty folder in the run's scratch folder. */
  workspaceFolder?: string;
  /** User settings for this instance (merged over the harness defaults). */
  userSettings?: Record<string, unknown>;
  /** Milliseconds before giving up on `run()`. Default 300 000. */
  timeoutMs?: number;
  /** Prefix of the host's console lines echoed to stdout. Default `[exthost] `. Set `null` to stay quiet. */
  logPrefix?: string | null;
  /** Keep the run's scratch folder (`.vscode-test/runs/<id>`) after the run (also when env `E2E_KEEP_RUNS=1`). */
  keepDataDir?: boolean;
  /** Echo the workbench's routine log lines too (also when env `E2E_VERBOSE=1`). They are always in `log`. */
  verbose?: boolean;
}

/** Outcome of {@link runInExtensionHost}. */
export interface RunInExtensionHostResult {
  /** 0 when run() resolved, 1 when it rejected, when it timed out, or when the workbench failed. */
  exitCode: number;
  /** The host's console lines, in order (each line as VS Code logged it, without the prefix). */
  log: string[];
  /** True when `timeoutMs` passed without `codeAutomationExit`. */
  timedOut: boolean;
  /** Milliseconds from navigation to exit. */
  durationMs: number;
}

function toRemoteUri(port: number, absPath: string): string {
  const resolved = path.resolve(absPath);
  const encoded = resolved
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
  return `vscode-remote://127.0.0.1:${port}${encoded}`;
}

/** Formats a console call's arguments the way Node's console does (mocha's reporter uses printf-style `%s`/`%d`). */
function formatArgs(args: unknown): string {
  if (Array.isArray(args)) return util.format(...(args as unknown[]));
  return typeof args === 'string' ? args : util.inspect(args);
}

/**
 * The workbench's own log lines that reach `codeAutomationLog` alongside the host's console on every run; they are
 * kept in the result's `log` but not echoed.
 */
const WORKBENCH_NOISE: readonly RegExp[] = [
  /^Resolv(ing|ed) connection token/,
  /^Creating a socket \(/,
  /^\[reconnection-grace-time\]/,
  /^\[Service Worker\]/,
  /^Ignoring fetching additional builtin extensions/,
  /^Updating additional builtin extensions cache/,
  /^\[AgentHost:remote\]/,
  /^\[AccountPolicyGate\]/,
  /^warn: Creation of workbench contribution/,
  /^error: Timed out waiting for authentication provider 'github'/,
];

/**
 * Loads the extension as a development extension in a fresh code-server, runs `extensionTestsPath`'s `run()` in its
 * extension host, streams the host's console to stdout, and resolves with the exit code VS Code reports.
 */
export async function runInExtensionHost(opts: RunInExtensionHostOptions): Promise<RunInExtensionHostResult> {
  if (!!opts.extensionDevelopmentPath === !!opts.vsixPath) {
    throw new Error('runInExtensionHost: give exactly one of extensionDevelopmentPath and vsixPath');
  }
  if (!path.isAbsolute(opts.extensionTestsPath) || !fs.existsSync(opts.extensionTestsPath)) {
    throw new Error(`runInExtensionHost: extensionTestsPath must be an existing absolute path: ${opts.extensionTestsPath}`);
  }
  const prefix = opts.logPrefix === undefined ? '[exthost] ' : opts.logPrefix;
  const timeoutMs = opts.timeoutMs ?? 300_000;
  const log: string[] = [];
  let inNoise = false;
  const emit = (line: string): void => {
    log.push(line);
    // A noisy entry's stack lines ("error:     at …") are dropped with it.
    if (/^(error|warn):\s+at /.test(line)) {
      if (inNoise) return;
    } else {
      inNoise = !(opts.verbose ?? process.env.E2E_VERBOSE === '1') && WORKBENCH_NOISE.some((re) => re.test(line));
    }
    if (prefix !== null && !inNoise) process.stdout.write(`${prefix}${line}\n`);
  };

  const server = await startCodeServer({
    smokeTestDriver: true,
    userSettings: opts.userSettings,
    workspaceFolder: opts.workspaceFolder,
    keepDataDir: opts.keepDataDir,
  });
  let session: Awaited<ReturnType<typeof launchBrowser>> | undefined;
  const started = Date.now();
  try {
    let devPath: string;
    if (opts.vsixPath) {
      // Unpack by installing into a folder that is NOT the server's extensions folder, so the extension is
      // loaded once, as the development extension.
      const unpackDir = path.join(server.dataDir, 'dev-ext');
      fs.mkdirSync(unpackDir, { recursive: true });
      await installVsix(server.codeServer, server.dataDir, opts.vsixPath, unpackDir);
      const dirs = fs.readdirSync(unpackDir, { withFileTypes: true }).filter((d) => d.isDirectory());
      if (dirs.length !== 1) throw new Error(`expected one unpacked extension in ${unpackDir}, found ${dirs.map((d) => d.name).join(', ')}`);
      devPath = path.join(unpackDir, dirs[0]!.name);
    } else {
      devPath = path.resolve(opts.extensionDevelopmentPath!);
      if (!fs.existsSync(path.join(devPath, 'package.json'))) {
        throw new Error(`extensionDevelopmentPath has no package.json (it must be the unpacked extension folder): ${devPath}`);
      }
    }

    session = await launchBrowser();
    const { page } = session;
    let resolveExit!: (code: number) => void;
    const exited = new Promise<number>((resolve) => {
      resolveExit = resolve;
    });
    // Both must exist before the workbench script runs, i.e. before navigation.
    await page.exposeFunction('codeAutomationLog', (type: unknown, args: unknown) => {
      const text = formatArgs(args);
      for (const line of text.split('\n')) emit(type === 'info' || type === undefined ? line : `${String(type)}: ${line}`);
    });
    await page.exposeFunction('codeAutomationExit', (code: unknown) => {
      resolveExit(typeof code === 'number' ? code : Number(code) || 0);
    });
    page.on('pageerror', (err) => emit(`pageerror: ${err.message}`));

    const payload = JSON.stringify([
      ['extensionDevelopmentPath', toRemoteUri(server.port, devPath)],
      ['extensionTestsPath', toRemoteUri(server.port, opts.extensionTestsPath)],
    ]);
    await page.goto(server.folderUrl(server.workspaceFolder, { payload }), { waitUntil: 'domcontentloaded', timeout: 90_000 });

    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    const outcome = await Promise.race([exited, timeout]);
    clearTimeout(timer);
    const durationMs = Date.now() - started;
    if (outcome === 'timeout') {
      const shot = await screenshot(page, `inhost-timeout-${Date.now()}`).catch(() => undefined);
      emit(`runInExtensionHost: no exit after ${timeoutMs} ms${shot ? ` (screenshot ${shot})` : ''}`);
      process.stdout.write(`${server.readLogs().split('\n').slice(-60).join('\n')}\n`);
      return { exitCode: 1, log, timedOut: true, durationMs };
    }
    return { exitCode: outcome, log, timedOut: false, durationMs };
  } finally {
    await session?.close();
    await server.stop();
  }
}
