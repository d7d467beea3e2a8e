/**
 * Running the install steps of the real-VS-Code setup: child processes with no stdin whose output is captured
 * (and appended to a log file), and the `[setup-vscode]` progress lines.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Repository root (the folder holding package.json). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');
/** Cache folder for Node, code-server and per-run scratch folders. Override with `VSCODE_E2E_CACHE_DIR`. */
export const CACHE_DIR = process.env.VSCODE_E2E_CACHE_DIR
  ? path.resolve(process.env.VSCODE_E2E_CACHE_DIR)
  : path.join(REPO_ROOT, '.vscode-test');

/** Prints one `[setup-vscode] …` progress line on stdout. */
export function log(message: string): void {
  process.stdout.write(`[setup-vscode] ${message}\n`);
}

/** Seconds since `since` (a `Date.now()` value), as `12.3 s`. */
export function seconds(since: number): string {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`;
}

/** How a command ended, as resolved by {@link run}. */
export interface RunResult {
  code: number;
  /** stdout and stderr interleaved. */
  output: string;
  /** stdout alone. */
  stdout: string;
}

/** Where and how {@link run} starts a command. */
export interface RunOptions {
  env?: NodeJS.ProcessEnv;
  /** Working folder. Default: the cache folder. */
  cwd?: string;
  /** Append stdout and stderr to this file too. */
  logFile?: string;
}

/** Runs a command with no stdin; output is captured (and appended to `logFile` when given). Never throws on exit codes. */
export function run(command: string, args: string[], options: RunOptions = {}): Promise<RunResult> {
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

/** {@link run}, but throws (with the output's last 40 lines) when the command exits non-zero. */
export async function runOrThrow(what: string, command: string, args: string[], options: RunOptions = {}): Promise<RunResult> {
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

/** `npm pack --json` prints a JSON array on stdout; returns the tarball's file name. @throws when there is none. */
export function parsePackFilename(npmPackJson: string): string {
  // Lifecycle noise could precede the array, so find it.
  const start = npmPackJson.indexOf('[');
  const end = npmPackJson.lastIndexOf(']');
  if (start >= 0 && end > start) {
    const parsed = JSON.parse(npmPackJson.slice(start, end + 1)) as Array<{ filename?: string }>;
    if (parsed[0]?.filename) return parsed[0].filename;
  }
  throw new Error(`could not read the tarball name from npm pack output:\n${npmPackJson}`);
}
