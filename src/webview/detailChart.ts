/**
 * The test detail's chart: one FTP test's output over the class (lightly smoothed), levels at its average output and
 * its result, the four quarters as a band about the average, the test before it dashed, and cadence on a second axis
 * that can be hidden. Chart.js on a linear axis of seconds since pedaling start (ticks at the quarters).
 */
import {
  Chart,
  Filler,
  Interaction,
  type ChartDataset,
  type ChartOptions,
  type InteractionItem,
  type InteractionModeFunction,
  type TooltipItem,
} from 'chart.js';
import { getRelativePosition } from 'chart.js/helpers';
import * as l10n from '@vscode/l10n';
import { clock, level, quarterSteps, smoothed, type DetailPoint } from './detailData';
import { formatWatts } from './format';
import { localDate } from '../shared/dates';
import type { ChartRow, PowerSeriesData } from '../shared/pageProtocol';
import { legendLabelLook, readThemeColors, withAlpha, type ThemeColors } from './theme';

// The line chart's parts are registered by chart.ts (the page's other chart); the band needs the filler too.
Chart.register(Filler);

/** What the detail chart draws. */
export interface DetailView {
  row: ChartRow;
  series: PowerSeriesData;
  /** The test before it, when it has a series. */
  previous: { takenAt: number; series: PowerSeriesData } | null;
}

/** The detail chart as the page drives it. */
export interface DetailChart {
  show(view: DetailView): void;
  /** Shows or hides the cadence line (and its axis). */
  setCadenceVisible(visible: boolean): void;
  /** Re-reads the theme's colours and redraws. */
  applyTheme(): void;
  destroy(): void;
}

/** The datasets by index: output, the test before, quarters, average output, result, cadence. */
const OUTPUT = 0;
const PREVIOUS = 1;
const QUARTERS = 2;
const CADENCE = 5;
/** The datasets a tooltip reads at the pointer's time (the levels and the band say one figure: the legend has it). */
const SAMPLED = new Set([OUTPUT, PREVIOUS, CADENCE]);

/** The tooltip's interaction: for each sampled dataset, its sample nearest the pointer's time (within 12 px). */
const NEAREST_SAMPLES = 'nearestSamples';
declare module 'chart.js' {
  interface InteractionModeMap {
    nearestSamples: InteractionModeFunction;
  }
}
Interaction.modes[NEAREST_SAMPLES] = (chart, event) => {
  const { x } = getRelativePosition(event, chart);
  const items: InteractionItem[] = [];
  for (const meta of chart.getSortedVisibleDatasetMetas()) {
    if (!SAMPLED.has(meta.index)) continue;
    let best = -1;
    let distance = 12;
    meta.data.forEach((element, i) => {
      const d = Math.abs(element.x - x);
      if (d <= distance) {
        distance = d;
        best = i;
      }
    });
    if (best >= 0) items.push({ element: meta.data[best], datasetIndex: meta.index, index: best });
  }
  return items;
};

/** The watts axis: every output and level shown, with room, on tens of watts. */
function wattsRange(values: readonly (number | null)[]): { min: number; max: number } {
  const watts = values.filter((v): v is number => v != null);
  if (watts.length === 0) return { min: 0, max: 100 };
  return { min: Math.max(0, Math.floor((Math.min(...watts) - 15) / 10) * 10), max: Math.ceil((Math.max(...watts) + 15) / 10) * 10 };
}

/** The cadence axis: the cadence shown with 20 rpm of room either side, so its line sits calm beside the output. */
function cadenceRange(values: readonly (number | null)[]): { min: number; max: number } | Record<string, never> {
  const rpm = values.filter((v): v is number => v != null);
  if (rpm.length === 0) return {};
  return { min: Math.max(0, Math.floor((Math.min(...rpm) - 20) / 10) * 10), max: Math.ceil((Math.max(...rpm) + 20) / 10) * 10 };
}

/** Creates the detail chart on `canvas`. `onCadenceToggle` is told when the legend's cadence entry is clicked. */
export function createDetailChart(canvas: HTMLCanvasElement, onCadenceToggle: () => void): DetailChart {
  let colors: ThemeColors = readThemeColors();
  let view: DetailView | null = null;
  let cadenceVisible = true;
  let chart: Chart<'line', DetailPoint[]> | null = null;
  const reducedMotion = typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;

  function datasets(v: DetailView): ChartDataset<'line', DetailPoint[]>[] {
    const { row, series } = v;
    const width = colors.kind.startsWith('high-contrast') ? 3 : 2;
    const line = { pointRadius: 0, pointHoverRadius: 3, tension: 0, spanGaps: false };
    const avg = row.avgOutput;
    return [
      {
        ...line,
        label: l10n.t('Output (smoothed)'),
        data: smoothed(series.seconds, series.output),
        borderColor: colors.result,
        backgroundColor: colors.result,
        borderWidth: width,
      },
      {
        ...line,
        label: v.previous ? l10n.t('Test of {0}', localDate(v.previous.takenAt)) : '',
        data: v.previous ? smoothed(v.previous.series.seconds, v.previous.series.output) : [],
        borderColor: colors.muted,
        backgroundColor: colors.muted,
        borderWidth: width - 0.5,
        borderDash: [6, 4],
      },
      {
        ...line,
        label: l10n.t('Quarters'),
        data: row.pacing ? quarterSteps(series.duration, row.pacing.quartersW) : [],
        stepped: 'before',
        borderColor: colors.quarters,
        backgroundColor: withAlpha(colors.quarters, 0.22),
        borderWidth: width - 0.5,
        // The band: between each quarter's mean and the average output, above it or below.
        fill: avg == null ? false : { value: avg },
        order: 1, // under the output line
      },
      {
        ...line,
        label: l10n.t('Avg output {0}', formatWatts(avg)),
        data: avg == null ? [] : level(series.duration, avg),
        borderColor: colors.foreground,
        backgroundColor: colors.foreground,
        borderWidth: 1,
        borderDash: [2, 3],
      },
      {
        ...line,
        label: l10n.t('Result {0}', formatWatts(row.calculatedFtp)),
        data: row.calculatedFtp == null ? [] : level(series.duration, row.calculatedFtp),
        borderColor: colors.resultLevel,
        backgroundColor: colors.resultLevel,
        borderWidth: width,
        borderDash: [12, 4],
      },
      {
        ...line,
        label: l10n.t('Cadence (rpm)'),
        data: series.cadence ? smoothed(series.seconds, series.cadence) : [],
        yAxisID: 'cadence',
        hidden: !cadenceVisible,
        borderColor: colors.cadence,
        backgroundColor: colors.cadence,
        borderWidth: width - 0.5,
      },
    ];
  }

  function options(v: DetailView): ChartOptions<'line'> {
    const font = { family: colors.fontFamily, size: colors.fontSize };
    const grid = { color: colors.grid, tickColor: colors.grid };
    const duration = v.series.duration;
    const watts = wattsRange([
      ...smoothed(v.series.seconds, v.series.output).map((p) => p.y),
      ...(v.previous ? smoothed(v.previous.series.seconds, v.previous.series.output).map((p) => p.y) : []),
      v.row.avgOutput,
      v.row.calculatedFtp,
      ...(v.row.pacing?.quartersW ?? []),
    ]);
    return {
      responsive: true,
      maintainAspectRatio: false,
      animation: reducedMotion ? false : { duration: 200 },
      interaction: { mode: NEAREST_SAMPLES, intersect: false },
      color: colors.foreground,
      font,
      layout: { padding: { top: 4, right: 8 } },
      scales: {
        x: {
          type: 'linear',
          min: 0,
          max: duration,
          // Ticks at the quarter boundaries.
          afterBuildTicks: (axis) => {
            axis.ticks = [0, 1, 2, 3, 4].map((k) => ({ value: (k * duration) / 4 }));
          },
          ticks: { color: colors.foreground, font, callback: (value) => clock(Number(value)) },
          grid,
          border: { color: colors.grid },
          title: { display: true, text: l10n.t('Time since the start (min:s)'), color: colors.muted, font },
        },
        y: {
          type: 'linear',
          ...watts,
          grid,
          border: { color: colors.grid },
          ticks: { color: colors.foreground, font, precision: 0 },
          title: { display: true, text: l10n.t('Output (W)'), color: colors.muted, font },
        },
        cadence: {
          type: 'linear',
          position: 'right',
          display: 'auto',
          ...cadenceRange(v.series.cadence ?? []),
          grid: { drawOnChartArea: false, color: colors.grid },
          border: { color: colors.grid },
          ticks: { color: colors.foreground, font, precision: 0 },
          title: { display: true, text: l10n.t('Cadence (rpm)'), color: colors.muted, font },
        },
      },
      plugins: {
        legend: {
          position: 'top',
          align: 'start',
          labels: {
            ...legendLabelLook(colors, 30, 14),
            filter: (item, data) => (data.datasets[item.datasetIndex ?? 0]?.data.length ?? 0) > 0,
            generateLabels: (c) =>
              c.data.datasets.map((dataset, i) => ({
                text: dataset.label ?? '',
                datasetIndex: i,
                hidden: !c.isDatasetVisible(i),
                fontColor: colors.foreground,
                fillStyle: i === QUARTERS ? withAlpha(colors.quarters, 0.4) : String(dataset.borderColor),
                strokeStyle: String(dataset.borderColor),
                lineWidth: Number(dataset.borderWidth ?? 1),
                lineDash: ((dataset as ChartDataset<'line'>).borderDash as number[] | undefined) ?? [],
                pointStyle: i === QUARTERS ? 'rect' : 'line',
              })),
          },
          onClick: (_event, item, legend) => {
            const i = item.datasetIndex ?? 0;
            if (i === CADENCE) return onCadenceToggle();
            legend.chart.setDatasetVisibility(i, !legend.chart.isDatasetVisible(i));
            legend.chart.update();
          },
        },
        tooltip: {
          backgroundColor: colors.tooltipBackground,
          titleColor: colors.tooltipForeground,
          bodyColor: colors.tooltipForeground,
          borderColor: colors.tooltipBorder,
          borderWidth: 1,
          titleFont: { ...font, weight: 'bold' },
          bodyFont: font,
          usePointStyle: true,
          callbacks: {
            title: (items: TooltipItem<'line'>[]) => (items.length ? clock(items[0].parsed.x ?? 0) : ''),
            label: (item: TooltipItem<'line'>) => {
              const y = item.parsed.y;
              const value = y == null ? '—' : item.datasetIndex === CADENCE ? l10n.t('{0} rpm', Math.round(y)) : formatWatts(y);
              return l10n.t('{0}: {1}', item.dataset.label ?? '', value);
            },
          },
        },
      },
    };
  }

  function draw(mode?: 'none'): void {
    if (!view) return;
    if (!chart) {
      chart = new Chart<'line', DetailPoint[]>(canvas, { type: 'line', data: { datasets: datasets(view) }, options: options(view) });
      return;
    }
    chart.data.datasets = datasets(view);
    chart.options = options(view);
    chart.update(mode);
  }

  return {
    show(next) {
      view = next;
      draw();
    },
    setCadenceVisible(visible) {
      cadenceVisible = visible;
      if (chart) {
        chart.setDatasetVisibility(CADENCE, visible);
        chart.update();
      }
    },
    applyTheme() {
      colors = readThemeColors();
      draw('none');
    },
    destroy() {
      chart?.destroy();
      chart = null;
    },
  };
}
