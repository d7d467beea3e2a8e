/**
 * The chart's time axis: Chart.js's time scale with the date-fns adapter (chartjs-adapter-date-fns), so
 * the tick positions (local midnight, first of a month, 1 January) and their spacing come from the
 * library, not from calendar code of our own. Ticks are written as ISO dates: `2024` for a year,
 * `2024-03` for a month, `2024-03-15` for a day; years are major ticks, which the auto-skipper keeps first.
 */
import 'chartjs-adapter-date-fns';
import { Chart, TimeScale, type ScaleOptions } from 'chart.js';

Chart.register(TimeScale);

/** How each tick unit is written (date-fns format strings). */
export const TICK_FORMATS = {
  // Chart.js sizes its label capacity with the finest unit's format before it picks a unit: keep it as
  // wide as the widest label drawn, so the capacity is right (the adapter's default is a long time of day).
  millisecond: 'yyyy-MM-dd',
  second: 'yyyy-MM-dd',
  minute: 'yyyy-MM-dd',
  hour: 'yyyy-MM-dd',
  day: 'yyyy-MM-dd',
  week: 'yyyy-MM-dd',
  month: 'yyyy-MM',
  quarter: 'yyyy-MM',
  year: 'yyyy',
} as const;

/** How tick labels are drawn (the theme's colour and font). */
export interface TickStyle {
  color: string;
  font: { family: string; size: number };
}

/**
 * The x scale's options: a time scale over `range` (Unix ms), ticks in days at the finest, chosen and
 * spaced by Chart.js for the axis' width.
 */
export function timeAxisOptions(range: { min: number; max: number }, style: TickStyle): ScaleOptions<'time'> {
  return {
    type: 'time',
    min: range.min,
    max: range.max,
    time: { minUnit: 'day', displayFormats: TICK_FORMATS },
    ticks: {
      color: style.color,
      // Major ticks (a new year, or a new month under day ticks) are bold.
      font: (context) => ({ ...style.font, weight: context.tick?.major ? 'bold' : 'normal' }),
      source: 'auto',
      autoSkip: true,
      autoSkipPadding: 12,
      maxRotation: 0,
      major: { enabled: true },
    },
  };
}
