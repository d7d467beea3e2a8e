/**
 * Stage runner: the in-host suite in a real VS Code (code-server) on this machine. Builds the extension
 * and the suite, loads the repository as the development extension, runs out/integration/index.js's
 * run() in its extension host, and prints `N passed, N failed` for CI.
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { runInExtensionHost } from '../e2e/harness/inHost';
import { makeRedirectingFolder } from './redirectingFolder';

const root = resolve(__dirname, '../..');

async function main(): Promise<void> {
  execFileSync(process.execPath, ['esbuild.mjs'], { cwd: root, stdio: 'inherit' });
  execFileSync(process.execPath, ['test/integration/build.mjs'], { cwd: root, stdio: 'inherit' });
  // The window opens a folder whose .vscode/settings.json tries to redirect the token (see redirectingFolder.ts).
  const workspace = await makeRedirectingFolder();
  const result = await runInExtensionHost({
    extensionDevelopmentPath: root,
    extensionTestsPath: resolve(root, 'out/integration/index.js'),
    workspaceFolder: workspace.folder,
    timeoutMs: 240_000,
  }).finally(() => workspace.dispose());
  const summary = [...result.log].reverse().find((line) => /in-host: \d+ passed, \d+ failed/.test(line));
  const match = summary?.match(/(\d+) passed, (\d+) failed/);
  const passed = Number(match?.[1] ?? 0);
  const failed = Number(match?.[2] ?? (result.exitCode === 0 ? 0 : 1));
  console.log(`\nintegration: ${passed} passed, ${failed} failed${result.timedOut ? ' (timed out)' : ''}`);
  process.exitCode = result.exitCode === 0 && failed === 0 && passed > 0 ? 0 : 1;
}

main().catch((error: unknown) => {
  console.error(error);
  console.log('integration: 0 passed, 1 failed');
  process.exitCode = 1;
});
