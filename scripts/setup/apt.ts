/** Debian packages the real-VS-Code setup needs, installed with apt-get only when missing and only as root. */
import * as fs from 'node:fs';
import { log, runOrThrow, seconds } from './run';

/** A Debian package and a file it installs (present = installed). */
export interface AptPackage {
  name: string;
  file: string;
}

/** Debian's Chromium, the browser the UI stages drive (`CHROMIUM_PATH` overrides where it is looked for). */
export const CHROMIUM: AptPackage = { name: 'chromium', file: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' };
/** Kerberos headers: VS Code's `kerberos` native module compiles against them. */
export const KRB5_DEV: AptPackage = { name: 'libkrb5-dev', file: '/usr/include/krb5.h' };
/** ripgrep: stands in for the binary `@vscode/ripgrep` would download from GitHub (unreachable here). */
export const RIPGREP: AptPackage = { name: 'ripgrep', file: '/usr/bin/rg' };

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/**
 * Installs `packages` with apt-get when any of them is missing (all of them then: cheap, and keeps them in step).
 * @throws when one is missing and this process is not root (the message says what to run), or when apt fails.
 */
export async function ensureAptPackages(packages: readonly AptPackage[]): Promise<void> {
  const names = packages.map((p) => p.name);
  const missing = packages.filter((p) => !fs.existsSync(p.file)).map((p) => p.name);
  if (missing.length === 0) {
    log(`apt: ${names.join(', ')} present, skipped`);
    return;
  }
  if (!isRoot()) {
    throw new Error(
      `Missing ${missing.join(', ')} and not running as root: run \`sudo apt-get update && sudo apt-get install -y ${names.join(' ')}\` first.`,
    );
  }
  const started = Date.now();
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const aptOpts = ['-o', 'DPkg::Lock::Timeout=300', '-o', 'Dpkg::Use-Pty=0'];
  log(`apt: installing ${missing.join(', ')} …`);
  await runOrThrow('apt-get update', 'apt-get', [...aptOpts, 'update'], { env });
  await runOrThrow('apt-get install', 'apt-get', [...aptOpts, 'install', '-y', ...names], { env });
  const stillMissing = packages.filter((p) => !fs.existsSync(p.file));
  if (stillMissing.length > 0) {
    throw new Error(`apt installed ${names.join(', ')} but ${stillMissing.map((p) => p.file).join(', ')} is missing`);
  }
  log(`apt: installed ${names.join(', ')} (${seconds(started)})`);
}
