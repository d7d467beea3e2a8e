// Bundles the in-host suite (test/integration/index.ts) into out/integration/index.js: the module that
// @vscode/test-electron and the code-server payload runner load. `vscode` and `mocha` stay external. Beside it,
// out/integration/fakeThread.js: the fake Peloton API as a worker thread's entry (test/fakePeloton/thread.ts), for
// the timed test, which serves the fake from a thread of its own.
import * as esbuild from 'esbuild';

await esbuild.build({
  entryPoints: ['test/integration/index.ts'],
  outfile: 'out/integration/index.js',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode', 'mocha'],
  sourcemap: 'inline',
  logLevel: 'warning',
});
await esbuild.build({
  entryPoints: ['test/fakePeloton/thread.ts'],
  outfile: 'out/integration/fakeThread.js',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'inline',
  logLevel: 'warning',
});
console.log('out/integration/index.js, out/integration/fakeThread.js');
