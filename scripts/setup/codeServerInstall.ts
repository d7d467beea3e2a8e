/** What a code-server install is (the harness starts one given as a parameter), and the check that one works. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { nodeEnv, type NodeRuntime } from './node';
import { run, runOrThrow } from './run';

/** A code-server installed by the setup, with the Node it runs on. */
export interface CodeServerInstall {
  /** code-server's version, e.g. `4.100.3`. */
  version: string;
  /** The VS Code version it carries (code-server 4.100.3 is VS Code 1.100.3). */
  vscodeVersion: string;
  /** The Node it was built for and must run on. */
  node: NodeRuntime;
  /** The `npm install -g --prefix` folder. */
  prefix: string;
  /** code-server's JavaScript entry point; run as `<node.bin> <entry> …` with {@link nodeEnv}`(node)`. */
  entry: string;
  /**
   * The flags under which a page's `payload` may run extension tests in the host (see test/e2e/harness/inHost.ts):
   * 4.139 needs `--vscode-option enable-smoke-test-driver`; 4.100 has no `--vscode-option` (it refuses to start)
   * and runs them without.
   */
  smokeTestDriverArgs: readonly string[];
}

/** The package folder inside an install prefix. */
export const PACKAGE_REL = 'lib/node_modules/code-server';

/** Native modules every code-server line here loads on Linux (relative to its package folder). */
export const COMMON_NATIVE_MODULES: readonly string[] = [
  'node_modules/argon2',
  'lib/vscode/node_modules/@vscode/spdlog',
  'lib/vscode/node_modules/kerberos',
  'lib/vscode/node_modules/node-pty',
  'lib/vscode/node_modules/@parcel/watcher',
];

/** The install of code-server `version` (VS Code `vscodeVersion`) in `prefix`, run by `node`. */
export function codeServerIn(
  prefix: string,
  version: string,
  vscodeVersion: string,
  node: NodeRuntime,
  smokeTestDriverArgs: readonly string[],
): CodeServerInstall {
  return { version, vscodeVersion, node, prefix, entry: path.join(prefix, PACKAGE_REL, 'out/node/entry.js'), smokeTestDriverArgs };
}

/**
 * Checks that each native module (paths relative to the package folder) loads in the install's Node, i.e. its
 * install script really ran for that Node, and that `--version` names the expected code-server and VS Code.
 * @throws listing the modules that do not load, or what `--version` printed.
 */
export async function verifyCodeServer(install: CodeServerInstall, nativeModules: readonly string[]): Promise<void> {
  const env = nodeEnv(install.node);
  const failures: string[] = [];
  for (const rel of nativeModules) {
    const result = await run(install.node.bin, ['-e', `require(${JSON.stringify(path.join(install.prefix, PACKAGE_REL, rel))})`], { env });
    if (result.code !== 0) failures.push(`${rel}: ${result.output.split('\n').filter(Boolean).slice(0, 3).join(' | ')}`);
  }
  if (failures.length > 0) {
    throw new Error(
      `code-server ${install.version} installed but native modules do not load under Node ${install.node.version} ` +
        `(install scripts blocked or built for another Node?):\n${failures.join('\n')}`,
    );
  }
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'cs-version-'));
  try {
    const version = await runOrThrow('code-server --version', install.node.bin, [install.entry, '--version'], {
      env: { ...env, XDG_CONFIG_HOME: scratch, XDG_DATA_HOME: scratch, XDG_CACHE_HOME: scratch },
    });
    if (!version.stdout.includes(`${install.version} `) || !version.stdout.includes(`with Code ${install.vscodeVersion}`)) {
      throw new Error(`code-server --version printed: ${version.output}`);
    }
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}
