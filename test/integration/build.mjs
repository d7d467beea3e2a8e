// Bundles the in-host suite (test/integration/index.ts) into out/integration/index.js: the module that
// @vscode/test-electron and the code-server payload runner load. `vscode` and `mocha` stay external.
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
console.log('out/integration/index.js');
