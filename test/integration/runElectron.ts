/**
 * `npm run test:electron`: the same in-host suite in a desktop VS Code downloaded by @vscode/test-electron,
 * for machines that can reach update.code.visualstudio.com (the build machines here cannot: they use
 * runInCodeServer.ts). Builds the extension and the suite first.
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { runTests } from '@vscode/test-electron';

const root = resolve(__dirname, '../..');

async function main(): Promise<void> {
  execFileSync(process.execPath, ['esbuild.mjs'], { cwd: root, stdio: 'inherit' });
  execFileSync(process.execPath, ['test/integration/build.mjs'], { cwd: root, stdio: 'inherit' });
  await runTests({
    extensionDevelopmentPath: root,
    extensionTestsPath: resolve(root, 'out/integration/index.js'),
    launchArgs: ['--disable-extensions', '--disable-workspace-trust'],
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
