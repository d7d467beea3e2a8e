// Bundles the benchmark (bench/bench.ts) into out/bench/bench.js, as esbuild.mjs bundles the extension: `npm run bench`
// then runs it on plain Node, so the process it measures (time, peak memory) holds the client and the benchmark only,
// not a TypeScript loader (tsx's hooks thread and transforms are about 45 MB of a process's memory). npm packages stay
// external: Node loads them from node_modules. The fake Peloton API still runs under tsx, in processes of its own.
import * as esbuild from 'esbuild';

await esbuild.build({
  entryPoints: ['bench/bench.ts'],
  outfile: 'out/bench/bench.js',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  packages: 'external',
  sourcemap: 'inline',
  logLevel: 'warning',
});
