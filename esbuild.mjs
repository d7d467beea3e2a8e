// Builds the two bundles: the extension host bundle (Node, CommonJS, `vscode` external) and the
// webview page script (browser, IIFE). Flags: --production minifies and writes metafiles with sizes;
// --watch rebuilds on change. Every build also writes dist/THIRD_PARTY_NOTICES.txt: the licences of the npm
// packages the bundles contain (scripts/thirdPartyNotices.mjs).
import * as esbuild from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { writeThirdPartyNotices } from './scripts/thirdPartyNotices.mjs';

const { values: flags } = parseArgs({ options: { production: { type: 'boolean', default: false }, watch: { type: 'boolean', default: false } } });
const { production, watch } = flags;

/**
 * undici's HTTP/1 parser ships twice as WebAssembly: with SIMD (always used on Node 20+ on x64 and arm64)
 * and a fallback for CPUs without it (~72 KB). The fallback is replaced by a module that fails clearly,
 * keeping the extension bundle within its size budget.
 */
const dropLlhttpFallback = {
  name: 'drop-llhttp-fallback',
  setup(build) {
    build.onResolve({ filter: /llhttp-wasm\.js$/ }, (args) => ({ path: args.path, namespace: 'llhttp-fallback' }));
    build.onLoad({ filter: /.*/, namespace: 'llhttp-fallback' }, () => ({
      contents: "throw new Error('Peloton FTP History needs WebAssembly SIMD, which this Node.js build lacks.');",
      loader: 'js',
    }));
  },
};

/**
 * Two parts of undici the extension never reaches, replaced by modules that fail clearly: the HTTP/2 client
 * (`client-h2.js`, used only when a connection negotiates h2, which needs `allowH2`, never set here) and fetch's
 * body extraction (`web/fetch/body.js`, used only for FormData request bodies; ours are strings). Together with
 * what they pull in (fetch's utilities, FormData, WebIDL) that is about 50 KB of the extension bundle.
 */
const dropUnusedUndici = {
  name: 'drop-unused-undici',
  setup(build) {
    build.onResolve({ filter: /(client-h2|fetch\/body)\.js$/ }, (args) => ({ path: args.path, namespace: 'unused-undici' }));
    build.onLoad({ filter: /.*/, namespace: 'unused-undici' }, (args) => ({
      contents: args.path.includes('client-h2')
        ? "module.exports = function connectH2() { throw new Error('Peloton FTP History does not use HTTP/2.'); };"
        : "module.exports = { extractBody() { throw new Error('Peloton FTP History sends no FormData bodies.'); } };",
      loader: 'js',
    }));
  },
};

/** @type {import('esbuild').BuildOptions[]} */
const bundles = [
  {
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    plugins: [dropLlhttpFallback, dropUnusedUndici],
  },
  {
    entryPoints: ['src/webview/main.ts'],
    outfile: 'dist/webview/main.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
];

const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  metafile: true,
  logLevel: 'warning',
  legalComments: production ? 'none' : 'inline',
  define: { 'process.env.NODE_ENV': production ? '"production"' : '"development"' },
};

/** Prints each bundle's size in KB and, in production, writes the metafile next to it. */
function report(result, options) {
  for (const [file, info] of Object.entries(result.metafile.outputs)) {
    if (file.endsWith('.map')) continue;
    console.log(`${file}: ${(info.bytes / 1024).toFixed(1)} KB${production ? ' (minified)' : ''}`);
  }
  if (production) {
    mkdirSync('dist/meta', { recursive: true });
    const name = options.outfile.replace(/^dist\//, '').replace(/[/.]/g, '-');
    writeFileSync(`dist/meta/${name}.meta.json`, JSON.stringify(result.metafile));
  }
}

/**
 * In watch mode, prints what the `$esbuild-watch` problem matcher (connor4312.esbuild-problem-matchers, used by
 * .vscode/tasks.json) reads: `[watch] build started` / `[watch] build finished` around each round of rebuilds
 * (both bundles), and each error as `✘ [ERROR] text` followed by `    file:line:column:`.
 */
let building = 0;
const problemMatcherPlugin = {
  name: 'esbuild-problem-matcher',
  setup(build) {
    build.onStart(() => {
      if (building++ === 0) console.log('[watch] build started');
    });
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      if (--building === 0) console.log('[watch] build finished');
    });
  },
};

if (watch) {
  for (const options of bundles) {
    const ctx = await esbuild.context({ ...common, ...options, plugins: [...(options.plugins ?? []), problemMatcherPlugin] });
    await ctx.watch();
  }
  console.log('esbuild: watching for changes');
} else {
  const metafiles = [];
  for (const options of bundles) {
    const result = await esbuild.build({ ...common, ...options });
    report(result, options);
    metafiles.push(result.metafile);
  }
  const packages = writeThirdPartyNotices(metafiles, 'dist/THIRD_PARTY_NOTICES.txt');
  console.log(`dist/THIRD_PARTY_NOTICES.txt: ${packages.length} packages`);
}
