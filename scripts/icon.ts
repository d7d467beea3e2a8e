/**
 * `npm run icon`: renders the Marketplace icon `media/icon.png` (256 × 256, transparent corners) from its source
 * `media/icon.svg` in headless Debian Chromium. vsce refuses an SVG `icon`, and the Marketplace asks for at least
 * 128 × 128; 256 stays sharp on high-density screens. The PNG is committed: run this after changing the SVG.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../test/e2e/harness/chromiumFlags';

/** The icon's edge in pixels. */
const ICON_SIZE = 256;

const root = resolve(__dirname, '..');

async function main(): Promise<void> {
  const svg = readFileSync(resolve(root, 'media/icon.svg'), 'utf8');
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: [...CHROMIUM_ARGS] });
  try {
    const page = await browser.newPage({ viewport: { width: ICON_SIZE, height: ICON_SIZE }, deviceScaleFactor: 1 });
    await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent">${svg}</body></html>`);
    const out = resolve(root, 'media/icon.png');
    await page.locator('svg').screenshot({ path: out, omitBackground: true });
    console.log(`wrote ${out}`);
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
