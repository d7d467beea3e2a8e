/**
 * Dates as the extension writes them, from Unix seconds (Peloton's unit: `start_time`, `created_at`, JWT `exp`):
 * the rider's local date and date-time (the tree, the chart page, the export, file names) and a UTC stamp (token
 * expiry). Only `Date` is used, so the host, the domain and the page share it.
 */

/** The current time in Unix seconds (whole seconds, rounded down), the unit of Peloton's timestamps and JWT claims. */
export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

function instant(unixSeconds: number): Date {
  return new Date(unixSeconds * 1000);
}

/** `YYYY-MM-DD` of a Unix-seconds instant in the local time zone, e.g. `2026-01-14`. */
export function localDate(unixSeconds: number): string {
  const d = instant(unixSeconds);
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}`;
}

/** `YYYY-MM-DD HH:MM` (24-hour clock) of a Unix-seconds instant in the local time zone. */
export function localDateTime(unixSeconds: number): string {
  const d = instant(unixSeconds);
  return `${localDate(unixSeconds)} ${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
}

/**
 * `YYYY-MM-DD HH:MM` of a Unix-seconds instant in UTC (the caller writes "UTC" after it), e.g. `2026-01-14 09:30`.
 * @throws {RangeError} for an instant `Date` cannot hold (beyond ±8.64e12 seconds).
 */
export function utcDateTime(unixSeconds: number): string {
  return instant(unixSeconds).toISOString().slice(0, 16).replace('T', ' ');
}
