/**
 * How the FTP chart page writes dates and watts: plain functions of their inputs, shared by the chart
 * and the table so both say the same thing.
 */

/** U+2212 MINUS SIGN, the typographic minus used for negative changes. */
export const MINUS = '\u2212';
/** U+2014 EM DASH, shown where there is no value. */
export const NONE = '\u2014';

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** A Unix-ms instant as `YYYY-MM-DD` in local time. */
export function formatDate(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}`;
}

/** A Unix-ms instant as `YYYY-MM-DD HH:MM` in local time. */
export function formatDateTime(ms: number): string {
  const d = new Date(ms);
  return `${formatDate(ms)} ${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
}

/** Watts as `183 W`, or the em dash when unknown. */
export function formatWatts(watts: number | null): string {
  return watts == null ? NONE : `${Math.round(watts)} W`;
}

/** A bare watt figure (`183`) for table cells under a "(W)" title, or the em dash when unknown. */
export function formatWattsBare(watts: number | null): string {
  return watts == null ? NONE : String(Math.round(watts));
}

/**
 * The change from baseline to result: `+12`, `−7` (U+2212), `±0`, or the em dash when either side is
 * unknown.
 */
export function formatChange(result: number | null, baseline: number | null): string {
  if (result == null || baseline == null) return NONE;
  const delta = Math.round(result) - Math.round(baseline);
  if (delta > 0) return `+${delta}`;
  if (delta < 0) return `${MINUS}${-delta}`;
  return '\u00b10';
}
