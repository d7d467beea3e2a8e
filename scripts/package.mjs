// `npm run package`: a production build, then exactly one .vsix at the repository root (older ones removed).
// The packaged README is README.md without its screenshots: vsce only accepts images it can link to a
// published repository, and the pictures are for readers of the repository anyway. The package must carry
// dist/THIRD_PARTY_NOTICES.txt.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

for (const name of readdirSync('.')) if (name.endsWith('.vsix')) rmSync(name);
execFileSync(process.execPath, ['esbuild.mjs', '--production'], { stdio: 'inherit' });
mkdirSync('dist', { recursive: true });
const readme = readFileSync('README.md', 'utf8').replace(/^!\[[^\]]*\]\([^)]*\)\n\n?/gm, '');
writeFileSync('dist/README.md', readme);
// The licences of the bundled packages travel in the .vsix (written by esbuild.mjs, kept by .vscodeignore).
const listed = execFileSync(process.execPath, ['node_modules/@vscode/vsce/vsce', 'ls', '--no-dependencies'], { encoding: 'utf8' });
if (!listed.split('\n').includes('dist/THIRD_PARTY_NOTICES.txt')) throw new Error('vsce ls does not list dist/THIRD_PARTY_NOTICES.txt');
execFileSync(
  process.execPath,
  ['node_modules/@vscode/vsce/vsce', 'package', '--no-dependencies', '--allow-missing-repository', '--readme-path', 'dist/README.md'],
  { stdio: 'inherit' },
);
const made = readdirSync('.').filter((name) => name.endsWith('.vsix'));
if (made.length !== 1) throw new Error(`expected one .vsix, found ${made.length}`);
console.log(`packaged ${made[0]}`);
