/**
 * What the Chromium tests of single page parts share: a fixture page's script bundled for the browser (IIFE,
 * ES2022, the development build of its libraries), and headless Debian Chromium with the harness's flags.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS } from '../e2e/harness/browser';

const root = path.resolve(__dirname, '../..');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Bundles `test/webview/fixtures/<name>.ts` and returns the script's text. */
export async function bundleFixture(name: string): Promise<string> {
  const built = await esbuild.build({
    entryPoints: [path.join(root, 'test/webview/fixtures', `${name}.ts`)],
    bundle: true,
    write: false,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    logLevel: 'error',
    define: { 'process.env.NODE_ENV': '"development"' },
  });
  return built.outputFiles[0]!.text;
}

/** Launches headless Chromium (`CHROMIUM_PATH`, default /usr/bin/chromium). @throws when it is not there. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(chromiumPath)) throw new Error(`No Chromium at ${chromiumPath} (set CHROMIUM_PATH)`);
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: [...CHROMIUM_ARGS] });
}
