/**
 * The FTP history line chart: calculated FTP (each test's result, points joined) against baseline FTP (the FTP going
 * into the test, a step line: it changes only at a test, an entry or an estimate) over time; a click selects a test. Chart.js with only the parts a line chart needs; the x axis is Chart.js's
 * time scale over Unix milliseconds (timeAxis.ts), the y axis linear watts.
 */
import {
  Chart,
  Legend,
  LineController,
  LineElement,
  LinearScale,
  PointElement,
  Tooltip,
  type ChartDataset,
  type ChartOptions,
  type TooltipItem,
} from 'chart.js';
import * as l10n from '@vscode/l10n';
import { baselineOriginText, formatWatts } from './format';
import { localDate } from '../shared/dates';
import type { ChartRow } from '../shared/pageProtocol';
import { legendLabelLook, readThemeColors, type ThemeColors } from './theme';
import { timeAxisOptions } from './timeAxis';

Chart.register(LineController, LineElement, PointElement, LinearScale, Tooltip, Legend);

/** A point of a series: Unix ms against watts (null where a test has no value; the line spans it). */
interface FtpPoint {
  x: number;
  y: number | null;
}

/** The chart as the page drives it. */
export interface FtpChart {
  /** Redraws with these rows (any order; the chart sorts them oldest first). */
  update(rows: readonly ChartRow[]): void;
  /** Marks a test's result (a larger point ringed in the text colour); null marks none. */
  select(workoutId: string | null): void;
  /** Re-reads the theme's colours and redraws (call on a theme change). */
  applyTheme(): void;
  /** Removes the chart from its canvas. */
  destroy(): void;
}

const DAY_MS = 86_400_000;

/** The index of the not-applied marks' dataset (present only when a result was not applied). */
const DECLINED_DATASET = 2;

/** The x range: the rows' span padded so end points are not drawn on the axis edge. */
function xRange(points: readonly number[]): { min: number; max: number } {
  if (points.length === 0) {
    const now = Date.now();
    return { min: now - 30 * DAY_MS, max: now };
  }
  const lo = Math.min(...points);
  const hi = Math.max(...points);
  const pad = Math.max((hi - lo) * 0.04, 15 * DAY_MS);
  return { min: lo - pad, max: hi + pad };
}

/** The y range: every watt figure shown, with room above and below, on tens of watts. */
function yRange(values: readonly (number | null)[]): { min: number; max: number } | undefined {
  const watts = values.filter((v): v is number => v != null);
  if (watts.length === 0) return undefined;
  return {
    min: Math.max(0, Math.floor((Math.min(...watts) - 10) / 10) * 10),
    max: Math.ceil((Math.max(...watts) + 10) / 10) * 10,
  };
}

/** A short description of the chart for screen readers (the table beside it has every figure). */
function describe(rows: readonly ChartRow[]): string {
  if (rows.length === 0) return l10n.t('FTP history chart: no FTP tests.');
  const oldest = rows[0];
  const newest = rows[rows.length - 1];
  const declined = rows.filter((r) => r.applied === 'not-applied').length;
  const sentences = [
    rows.length === 1
      ? l10n.t('FTP history chart: 1 FTP test on {0}; result {1}, baseline {2}.', localDate(newest.takenAt), formatWatts(newest.calculatedFtp), formatWatts(newest.baselineFtp))
      : l10n.t(
          'FTP history chart: {0} FTP tests from {1} to {2}; latest result {3}, baseline {4}.',
          rows.length,
          localDate(oldest.takenAt),
          localDate(newest.takenAt),
          formatWatts(newest.calculatedFtp),
          formatWatts(newest.baselineFtp),
        ),
  ];
  if (declined === 1) sentences.push(l10n.t('1 result was not applied (marked with a cross).'));
  else if (declined > 1) sentences.push(l10n.t('{0} results were not applied (marked with a cross).', declined));
  sentences.push(l10n.t('The table lists every test.'));
  return sentences.join(' ');
}

interface LineStyle {
  color: string;
  width: number;
  dash: number[];
}

/** How each series' line is drawn (calculated FTP, then baseline FTP): the baseline dashed, so the two differ without colour. */
function lineStyles(colors: ThemeColors): [LineStyle, LineStyle] {
  const width = lineWidth(colors);
  return [
    { color: colors.result, width, dash: [] },
    { color: colors.baseline, width, dash: [6, 4] },
  ];
}

function lineWidth(colors: ThemeColors): number {
  return colors.kind === 'high-contrast' || colors.kind === 'high-contrast-light' ? 3 : 2;
}

/** The legend's and tooltip's name of the not-applied marks. */
function notAppliedLabel(): string {
  return l10n.t('Result not applied');
}

function declined(row: ChartRow): boolean {
  return row.applied === 'not-applied';
}

function prefersReducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/** Options of {@link createFtpChart}. */
export interface FtpChartOptions {
  /** Called with the test nearest in time to a click on the chart (its point, or the space above or below it). */
  onSelect?: (workoutId: string) => void;
}

/** Creates the chart on `canvas` drawing `rows`. */
export function createFtpChart(canvas: HTMLCanvasElement, rows: readonly ChartRow[], chartOptions: FtpChartOptions = {}): FtpChart {
  let sorted: ChartRow[] = [];
  let selected: string | null = null;
  let colors: ThemeColors = readThemeColors();
  const animation = prefersReducedMotion() ? false : ({ duration: 250 } as const);

  /** The options for the current rows and theme. */
  function options(): ChartOptions<'line'> {
    const font = { family: colors.fontFamily, size: colors.fontSize };
    const grid = { color: colors.grid, tickColor: colors.grid };
    const border = { color: colors.grid };
    const y = yRange(sorted.flatMap((r) => [r.calculatedFtp, r.baselineFtp]));
    return {
      responsive: true,
      maintainAspectRatio: false,
      animation,
      interaction: { mode: 'index', intersect: false },
      onClick: (_event, elements) => {
        const row = elements.length ? sorted[elements[0].index] : undefined;
        if (row) chartOptions.onSelect?.(row.workoutId);
      },
      onHover: (event, elements) => {
        const target = event.native?.target;
        if (chartOptions.onSelect && target instanceof HTMLElement) target.style.cursor = elements.length ? 'pointer' : 'default';
      },
      layout: { padding: { top: 4, right: 8 } },
      color: colors.foreground,
      font,
      scales: {
        x: {
          ...timeAxisOptions(xRange(sorted.map((r) => r.takenAt * 1000)), { color: colors.foreground, font }),
          grid: { ...grid, drawOnChartArea: false },
          border,
        },
        y: {
          type: 'linear',
          ...(y ?? {}),
          grid,
          border,
          title: { display: true, text: l10n.t('FTP (W)'), color: colors.muted, font },
          ticks: { color: colors.foreground, font, precision: 0 },
        },
      },
      plugins: {
        legend: {
          position: 'top',
          align: 'start',
          labels: {
            ...legendLabelLook(colors, 36, 16),
            // Each series as a short stroke of its own line (the baseline's dashed), not as its point:
            // Chart.js would otherwise draw the point's border, which is the background colour.
            generateLabels: (chart) =>
              chart.data.datasets.map((dataset, i) => {
                if (i === DECLINED_DATASET) {
                  // The not-applied mark as it is drawn: a cross in its own colour.
                  return {
                    text: dataset.label ?? '',
                    datasetIndex: i,
                    hidden: !chart.isDatasetVisible(i),
                    fontColor: colors.foreground,
                    fillStyle: colors.declined,
                    strokeStyle: colors.declined,
                    lineWidth: lineWidth(colors) + 0.5,
                    lineDash: [],
                    pointStyle: 'crossRot',
                  };
                }
                const line = lineStyles(colors)[i];
                return {
                  text: dataset.label ?? '',
                  datasetIndex: i,
                  hidden: !chart.isDatasetVisible(i),
                  fontColor: colors.foreground,
                  fillStyle: line.color,
                  strokeStyle: line.color,
                  lineWidth: line.width,
                  lineDash: line.dash,
                  pointStyle: 'line',
                };
              }),
          },
        },
        tooltip: {
          backgroundColor: colors.tooltipBackground,
          titleColor: colors.tooltipForeground,
          bodyColor: colors.tooltipForeground,
          footerColor: colors.tooltipForeground,
          borderColor: colors.tooltipBorder,
          borderWidth: 1,
          titleFont: { ...font, weight: 'bold' },
          bodyFont: font,
          footerFont: { ...font, weight: 'normal' },
          usePointStyle: true,
          boxPadding: 4,
          // A not-applied result is told once, by its own mark's dataset.
          filter: (item: TooltipItem<'line'>) =>
            item.parsed.y != null && !(item.datasetIndex === 0 && sorted[item.dataIndex] && declined(sorted[item.dataIndex])),
          callbacks: {
            title: (items: TooltipItem<'line'>[]) => (items.length ? localDate((items[0].parsed.x ?? 0) / 1000) : ''),
            afterTitle: (items: TooltipItem<'line'>[]) => {
              const row = items.length ? sorted[items[0].dataIndex] : undefined;
              if (!row) return '';
              const title = row.rideTitle ?? l10n.t('FTP test');
              return row.instructor ? l10n.t('{0} · {1}', title, row.instructor) : title;
            },
            label: (item: TooltipItem<'line'>) => l10n.t('{0}: {1}', item.dataset.label ?? '', formatWatts(item.parsed.y)),
            footer: (items: TooltipItem<'line'>[]) => {
              const row = items.length ? sorted[items[0].dataIndex] : undefined;
              if (!row) return '';
              return [
                row.avgOutput == null ? l10n.t('No output data') : l10n.t('Avg output: {0}', formatWatts(row.avgOutput)),
                l10n.t('Baseline: {0}', baselineOriginText(row.baselineOrigin, row.baselineSetAt)),
              ];
            },
          },
        },
      },
    };
  }

  /**
   * The series for the current rows and theme: calculated FTP, baseline FTP, and (when a result was not
   * applied) the not-applied marks: a cross in its own colour, over a gap cut in the calculated line.
   */
  function datasets(): ChartDataset<'line', FtpPoint[]>[] {
    const [result, baseline] = lineStyles(colors);
    const common = { pointBorderColor: colors.background, pointBorderWidth: 1, spanGaps: true, tension: 0 };
    const marks = sorted.some(declined);
    const series: ChartDataset<'line', FtpPoint[]>[] = [
      {
        ...common,
        label: l10n.t('Calculated FTP'),
        data: sorted.map((r) => ({ x: r.takenAt * 1000, y: r.calculatedFtp })),
        borderColor: result.color,
        backgroundColor: result.color,
        borderWidth: result.width,
        borderDash: result.dash,
        pointStyle: 'circle',
        // Under a not-applied mark: a disc of the background, so the cross stands clear of the line. The selected
        // test: a larger point ringed in the text colour.
        pointRadius: sorted.map((r) => (declined(r) ? 9 : r.workoutId === selected ? 7 : 4)),
        pointHoverRadius: sorted.map((r) => (declined(r) ? 9 : r.workoutId === selected ? 8 : 6)),
        pointBackgroundColor: sorted.map((r) => (declined(r) ? colors.background : result.color)),
        pointBorderColor: sorted.map((r) => (r.workoutId === selected ? colors.foreground : colors.background)),
        pointBorderWidth: sorted.map((r) => (r.workoutId === selected ? 2 : 1)),
      },
      {
        ...common,
        label: l10n.t('Baseline FTP'),
        data: sorted.map((r) => ({ x: r.takenAt * 1000, y: r.baselineFtp })),
        borderColor: baseline.color,
        backgroundColor: baseline.color,
        borderWidth: baseline.width,
        borderDash: baseline.dash,
        // The FTP in effect changes only at a test, an entry or an estimate: a step, held from the test before
        // until this one, never a slope between two tests years apart.
        stepped: 'after',
        pointStyle: 'rectRot',
        pointRadius: 5,
        pointHoverRadius: 7,
      },
    ];
    if (marks) {
      series.push({
        label: notAppliedLabel(),
        data: sorted.map((r) => ({ x: r.takenAt * 1000, y: declined(r) ? r.calculatedFtp : null })),
        showLine: false,
        spanGaps: false,
        order: -1, // drawn over the lines
        borderColor: colors.declined,
        backgroundColor: colors.declined,
        pointStyle: 'crossRot',
        pointRadius: 8,
        pointHoverRadius: 10,
        pointBorderColor: colors.declined,
        pointBorderWidth: lineWidth(colors) + 0.5,
        pointHoverBorderWidth: lineWidth(colors) + 1.5,
      });
    }
    return series;
  }

  sorted = [...rows].sort((a, b) => a.takenAt - b.takenAt);
  const chart = new Chart<'line', FtpPoint[]>(canvas, { type: 'line', data: { datasets: datasets() }, options: options() });
  canvas.setAttribute('aria-label', describe(sorted));

  function redraw(mode?: 'none'): void {
    chart.data.datasets = datasets();
    chart.options = options();
    canvas.setAttribute('aria-label', describe(sorted));
    chart.update(mode);
  }

  return {
    update(next) {
      sorted = [...next].sort((a, b) => a.takenAt - b.takenAt);
      redraw();
    },
    select(workoutId) {
      if (workoutId === selected) return;
      selected = workoutId;
      redraw('none');
    },
    applyTheme() {
      colors = readThemeColors();
      redraw('none');
    },
    destroy() {
      chart.destroy();
    },
  };
}
