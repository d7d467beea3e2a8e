// `npm run package`: exactly one .vsix at the repository root (older ones removed). vsce runs the production build
// itself (the `vscode:prepublish` script), so the bundles are built once. The package must carry every file the
// manifest names (the bundles, the icon, the view and walkthrough pictures), the changelog, and
// dist/THIRD_PARTY_NOTICES.txt, the licences of the npm packages inside the bundles (written by esbuild.mjs).
// vsce rewrites the README's relative links (the screenshots) to the `repository` of package.json.
// No stdin: a question from vsce (e.g. a missing repository) fails the run instead of waiting for an answer.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { normalize } from 'node:path';

const vsce = (args, stdout) => execFileSync(process.execPath, ['node_modules/@vscode/vsce/vsce', ...args], { encoding: 'utf8', stdio: ['ignore', stdout, 'inherit'] });

/** The files package.json names, as `vsce ls` lists them. */
function namedFiles() {
  const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
  const { viewsContainers = {}, views = {}, walkthroughs = [] } = manifest.contributes;
  const files = [
    manifest.main,
    manifest.icon,
    ...Object.values(viewsContainers).flat().map((c) => c.icon),
    ...Object.values(views).flat().map((v) => v.icon),
    ...walkthroughs.flatMap((w) => w.steps.map((s) => s.media.svg ?? s.media.markdown)),
  ];
  return [...new Set(files.filter((f) => typeof f === 'string' && !f.startsWith('$(')).map((f) => normalize(f)))];
}

for (const name of readdirSync('.')) if (name.endsWith('.vsix')) rmSync(name);
vsce(['package', '--no-dependencies'], 'inherit');
const listed = new Set(vsce(['ls', '--no-dependencies'], 'pipe').split('\n'));
const missing = [...namedFiles(), 'dist/webview/main.js', 'dist/THIRD_PARTY_NOTICES.txt', 'CHANGELOG.md'].filter((f) => !listed.has(f));
if (missing.length > 0) throw new Error(`the .vsix lacks ${missing.join(', ')} (see .vscodeignore)`);
const made = readdirSync('.').filter((name) => name.endsWith('.vsix'));
if (made.length !== 1) throw new Error(`expected one .vsix, found ${made.length}`);
console.log(`packaged ${made[0]}`);
