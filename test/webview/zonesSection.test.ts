/**
 * The chart page's power zones section in real Chromium: the host's zones table drawn as an accessible
 * HTML table (column and row headers), redrawn when the FTP changes, hidden without an FTP.
 */
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { bundleFixture, launchChromium } from './fixturePage';
import { zoneTexts } from '../../src/views/zoneFormat';
import type { ZoneTable } from '../../src/shared/zonesProtocol';


function table(ftp: number): ZoneTable {
  return {
    ftp,
    heading: `Power zones at FTP ${ftp} W`,
    columns: ['Zone', '% of FTP', 'Watts'],
    rows: zoneTexts(ftp).map((z) => ({ zone: z.zone, label: `Z${z.zone} · ${z.name}`, percent: z.percent, watts: z.watts })),
  };
}

describe('FTP chart page: the power zones section in Chromium', function () {
  this.timeout(30_000);
  let browser: Browser;
  let page: Page;

  before(async () => {
    const script = await bundleFixture('zonesPage');
    browser = await launchChromium();
    page = await browser.newPage();
    await page.setContent('<!DOCTYPE html><html><body></body></html>');
    await page.addScriptTag({ content: script });
  });

  after(async () => {
    await browser?.close();
  });

  const send = (zones: ZoneTable | null) => page.evaluate((z) => (window as unknown as { __zones: (z: unknown) => void }).__zones(z), zones);
  const rows = () =>
    page.evaluate(() =>
      Array.from(document.querySelectorAll('.zones-table tr')).map((tr) => Array.from(tr.children).map((c) => `${c.tagName.toLowerCase()}:${c.textContent}`).join(' | ')),
    );

  it('is hidden until there are zones', async () => {
    assert.equal(await page.locator('.zones-section').isVisible(), false);
  });

  it('draws the seven zones with column and row headers, named by its heading', async () => {
    await send(table(176));
    assert.equal(await page.locator('.zones-section').isVisible(), true);
    assert.equal(await page.getByRole('heading', { level: 2 }).textContent(), 'Power zones at FTP 176 W');
    assert.equal(await page.getByRole('table', { name: 'Power zones at FTP 176 W' }).count(), 1);
    const drawn = await rows();
    assert.equal(drawn.length, 8);
    assert.equal(drawn[0], 'th:Zone | th:% of FTP | th:Watts');
    assert.equal(drawn[4], 'th:Z4 · Threshold | td:91\u2013105 % | td:159\u2013185 W');
    assert.equal(drawn[7], 'th:Z7 · Neuromuscular | td:> 150 % | td:> 264 W');
    assert.equal(await page.getByRole('rowheader', { name: 'Z4 · Threshold' }).count(), 1);
  });

  it('redraws for a new FTP, and hides again without one', async () => {
    await send(table(220));
    assert.equal((await rows())[4], 'th:Z4 · Threshold | td:91\u2013105 % | td:199\u2013231 W');
    await send(null);
    assert.equal(await page.locator('.zones-section').isVisible(), false);
    assert.deepEqual(await rows(), []);
  });
});
