// The third-party licence notices of what the bundles contain: every npm package esbuild put into a bundle (read
// from the build's metafile inputs), with its licence file, written to dist/THIRD_PARTY_NOTICES.txt, which the
// .vsix ships (.vscodeignore). A package that ships no licence file gets its package.json licence and author and,
// for MIT, the standard MIT text with that author as the copyright holder.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const MIT_TEXT = `Permission is hereby granted, free of charge, to any person obtaining a copy of this software and associated
documentation files (the "Software"), to deal in the Software without restriction, including without limitation the
rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of the Software, and to permit
persons to whom the Software is furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all copies or substantial portions of the
Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE
WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR
COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR
OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.`;

/** The package folders (`node_modules/<name>` or `node_modules/@scope/<name>`, innermost) of a metafile's inputs. */
export function bundledPackageDirs(metafiles) {
  const dirs = new Set();
  for (const metafile of metafiles) {
    for (const input of Object.keys(metafile.inputs)) {
      const match = input.match(/^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//);
      if (match) dirs.add(match[1]);
    }
  }
  return [...dirs];
}

function authorOf(pkg) {
  const author = pkg.author;
  return typeof author === 'string' ? author : (author?.name ?? null);
}

/** One package's notice: name, version, licence id, and the licence text. */
function noticeOf(dir) {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const licenceFile = readdirSync(dir).find((name) => /^(licen[cs]e|copying)(\.(md|txt))?$/i.test(name));
  let text;
  if (licenceFile) text = readFileSync(join(dir, licenceFile), 'utf8').trim();
  else if (pkg.license === 'MIT') text = `(no licence file in the package; from its package.json)\nCopyright (c) ${authorOf(pkg) ?? `the ${pkg.name} authors`}\n\n${MIT_TEXT}`;
  else throw new Error(`${pkg.name} ships no licence file and its licence (${pkg.license}) is not one this script can state: add it by hand`);
  return `${pkg.name} ${pkg.version} (${pkg.license})\n${'-'.repeat(78)}\n${text}\n`;
}

/** Writes `outfile` with the notices of every package in the given metafiles; returns the package names. */
export function writeThirdPartyNotices(metafiles, outfile) {
  const dirs = bundledPackageDirs(metafiles).sort((a, b) => a.localeCompare(b));
  const notices = dirs.map(noticeOf);
  writeFileSync(
    outfile,
    `Peloton FTP History bundles the following third-party software (dist/extension.js and dist/webview/main.js).\n\n${notices.join('\n\n')}`,
  );
  return dirs.map((dir) => dir.replace(/^.*node_modules\//, ''));
}
