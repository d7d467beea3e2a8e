/**
 * The chart's time axis in real Chromium: the real createFtpChart (Chart.js time scale with the date-fns
 * adapter) drawn for spans of one month to ten years, narrow and wide, in three time zones. Checks what a
 * reader needs from the ticks Chart.js chooses: at least two, on calendar boundaries of the local time zone
 * (midnight, the 1st of a month, 1 January) written as ISO dates of that boundary, in order, inside the
 * axis, with no two labels overlapping, and a unit that suits the span.
 *
 * Run: npx mocha --config test/webview/.mocharc.json   (CHROMIUM_PATH overrides /usr/bin/chromium)
 */
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { bundleFixture, launchChromium } from './fixturePage';
import type { ChartRow } from '../../src/shared/pageProtocol';

const DAY = 86_400;

interface AxisTick {
  value: number;
  label: string;
  major: boolean;
  pixel: number;
  labelWidth: number;
}
interface Axis {
  min: number;
  max: number;
  width: number;
  ticks: AxisTick[];
}

/** Five tests spread evenly over `days`, from 2020-03-11 noon UTC. */
function rowsOver(days: number): ChartRow[] {
  const start = Date.parse('2020-03-11T12:00:00Z') / 1000;
  return [0, 1, 2, 3, 4].map((i) => ({
    workoutId: `w${i}`,
    takenAt: start + Math.round((i * days * DAY) / 4),
    rideTitle: '20 min FTP Test Ride',
    instructor: null,
    avgOutput: 200 + i,
    calculatedFtp: 190 + i,
    baselineFtp: i === 0 ? null : 189 + i,
    baselineOrigin: i === 0 ? 'none' : 'test',
    baselineSetAt: i === 0 ? null : start + Math.round(((i - 1) * days * DAY) / 4),
    enteredBaseline: null,
    applied: 'applied',
  }));
}

const SPANS: Array<[string, number]> = [
  ['1 month', 30],
  ['3 months', 91],
  ['6 months', 182],
  ['1 year', 365],
  ['2 years', 730],
  ['5 years', 1826],
  ['10 years', 3652],
];

describe('FTP chart time axis (Chart.js time scale) in Chromium', function () {
  this.timeout(60_000);
  let browser: Browser;
  let script: string;

  before(async () => {
    script = await bundleFixture('timeAxisPage');
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
  });

  for (const timezoneId of ['UTC', 'America/New_York', 'Asia/Kolkata']) {
    describe(`in ${timezoneId}`, () => {
      let page: Page;
      const pageErrors: string[] = [];

      before(async () => {
        const context = await browser.newContext({ timezoneId, viewport: { width: 1200, height: 600 } });
        page = await context.newPage();
        page.on('pageerror', (error) => pageErrors.push(error.message));
        await page.setContent('<div id="box" style="position: relative; height: 320px"></div>');
        await page.addScriptTag({ content: script });
      });

      after(async () => {
        await page?.context().close();
      });

      /** The axis for a span at a width, with each tick's calendar fields in the page's time zone. */
      const axisFor = (days: number, width: number) =>
        page.evaluate(
          ([rows, w]) => {
            const axis = (window as unknown as { __ticksFor: (r: unknown, w: number) => Axis }).__ticksFor(rows, w);
            return {
              ...axis,
              ticks: axis.ticks.map((t) => {
                const d = new Date(t.value);
                return { ...t, y: d.getFullYear(), m: d.getMonth() + 1, d: d.getDate(), h: d.getHours() * 60 + d.getMinutes() + d.getSeconds() + d.getMilliseconds() };
              }),
            };
          },
          [rowsOver(days), width] as const,
        );

      for (const [name, days] of SPANS) {
        for (const width of [360, 1000]) {
          it(`${name} at ${width} px: calendar ticks as ISO dates, in order, not overlapping`, async () => {
            const axis = await axisFor(days, width);
            const labels = axis.ticks.map((t) => t.label);
            assert.ok(axis.ticks.length >= 2, `at least two ticks: ${JSON.stringify(labels)}`);
            let previous = -Infinity;
            for (const tick of axis.ticks) {
              assert.ok(tick.value >= axis.min && tick.value <= axis.max, `${tick.label} inside the axis`);
              assert.ok(tick.value > previous, `ticks in order: ${JSON.stringify(labels)}`);
              previous = tick.value;
              assert.equal(tick.h, 0, `${tick.label} is at local midnight`);
              const pad = (n: number) => String(n).padStart(2, '0');
              const expected =
                /^\d{4}$/.test(tick.label) ? `${tick.y}` : /^\d{4}-\d{2}$/.test(tick.label) ? `${tick.y}-${pad(tick.m)}` : `${tick.y}-${pad(tick.m)}-${pad(tick.d)}`;
              assert.equal(tick.label, expected, 'the label is the ISO date of its tick');
              if (/^\d{4}$/.test(tick.label)) assert.deepEqual([tick.m, tick.d], [1, 1], `${tick.label} is 1 January`);
              if (/^\d{4}-\d{2}$/.test(tick.label)) assert.equal(tick.d, 1, `${tick.label} is the 1st of a month`);
            }
            for (let i = 1; i < axis.ticks.length; i++) {
              const [a, b] = [axis.ticks[i - 1]!, axis.ticks[i]!];
              const room = b.pixel - a.pixel - (a.labelWidth + b.labelWidth) / 2;
              assert.ok(room >= 4, `${a.label} and ${b.label} do not overlap (${room.toFixed(1)} px apart)`);
            }
            if (days >= 1826) assert.ok(labels.every((l) => !/^\d{4}-\d{2}-\d{2}$/.test(l)), `no day ticks over ${name}: ${labels}`);
            if (days >= 3652) assert.ok(labels.every((l) => /^\d{4}$/.test(l)), `years only over ${name}: ${labels}`);
            if (days <= 30 && width >= 1000) assert.ok(labels.some((l) => /^\d{4}-\d{2}-\d{2}$/.test(l)), `day ticks over ${name}: ${labels}`);
            if (days >= 365) assert.ok(labels.some((l) => /^\d{4}$/.test(l)), `the turn of a year is labelled with the year: ${labels}`);
          });
        }
      }

      it('threw nothing', () => {
        assert.deepEqual(pageErrors, []);
      });
    });
  }
});
