/**
 * `npm run test:electron`: the same in-host suite in a desktop VS Code downloaded by @vscode/test-electron,
 * for machines that can reach update.code.visualstudio.com (the build machines here cannot: they use
 * runInCodeServer.ts). Builds the extension and the suite first.
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { makeRedirectingFolder } from './redirectingFolder';

const root = resolve(__dirname, '../..');

async function main(): Promise<void> {
  execFileSync(process.execPath, ['esbuild.mjs'], { cwd: root, stdio: 'inherit' });
  execFileSync(process.execPath, ['test/integration/build.mjs'], { cwd: root, stdio: 'inherit' });
  const workspace = await makeRedirectingFolder();
  await runTests({
    extensionDevelopmentPath: root,
    extensionTestsPath: resolve(root, 'out/integration/index.js'),
    launchArgs: [workspace.folder, '--disable-extensions', '--disable-workspace-trust'],
  }).finally(() => workspace.dispose());
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
