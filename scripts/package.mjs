// `npm run package`: a production build, then exactly one .vsix at the repository root (older ones removed).
import { execFileSync } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';

for (const name of readdirSync('.')) if (name.endsWith('.vsix')) rmSync(name);
execFileSync(process.execPath, ['esbuild.mjs', '--production'], { stdio: 'inherit' });
execFileSync(process.execPath, ['node_modules/@vscode/vsce/vsce', 'package', '--no-dependencies', '--allow-missing-repository'], { stdio: 'inherit' });
const made = readdirSync('.').filter((name) => name.endsWith('.vsix'));
if (made.length !== 1) throw new Error(`expected one .vsix, found ${made.length}`);
console.log(`packaged ${made[0]}`);
