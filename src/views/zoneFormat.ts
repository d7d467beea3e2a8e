/**
 * How power zones are written, as pure functions (no `vscode`), shared by the tree, the tooltips, the
 * status bar and the chart page's zones table. Watts are whole watts; the zones come from
 * {@link powerZones} (src/peloton/ftp/rules.ts), whose rule is: a zone's upper bound is round(FTP × its upper %)
 * half up, the next zone starts one watt above it, Z1 starts at 0 W and Z7 has no upper bound.
 */
import { powerZones, type PowerZone } from '../peloton/ftp/rules';

/** U+2013 EN DASH between the two ends of a range. */
const EN_DASH = '\u2013';

/** A zone's watt range: `159–185 W`, or `> 264 W` for the open-ended zone 7. */
export function formatZoneWatts(zone: Pick<PowerZone, 'minWatts' | 'maxWatts'>): string {
  return zone.maxWatts === null ? `> ${zone.minWatts - 1} W` : `${zone.minWatts}${EN_DASH}${zone.maxWatts} W`;
}

/**
 * A zone's band in % of FTP, Peloton's way: `≤ 55 %` (Z1), `91–105 %`, `> 150 %` (Z7). The lower end is
 * the previous zone's upper % + 1.
 * @param zones all seven zones of one FTP, in order (see {@link powerZones}).
 * @param index the zone's position in `zones` (0 for Z1).
 */
export function formatZonePercent(zones: readonly PowerZone[], index: number): string {
  const zone = zones[index];
  const previous = index > 0 ? zones[index - 1].upperPercent : null;
  if (zone.upperPercent === null) return `> ${previous ?? 0} %`;
  if (previous === null) return `\u2264 ${zone.upperPercent} %`;
  return `${previous + 1}${EN_DASH}${zone.upperPercent} %`;
}

/** One zone written out: its number, English name, band in % of FTP and watt range. */
export interface ZoneText {
  zone: number;
  name: string;
  percent: string;
  watts: string;
}

/**
 * The seven zones of an FTP written out, Z1 first; [] when the FTP is unknown (null or not positive).
 * @param ftp watts.
 */
export function zoneTexts(ftp: number | null): ZoneText[] {
  if (ftp === null || !Number.isFinite(ftp) || ftp <= 0) return [];
  const zones = powerZones(ftp);
  return zones.map((zone, i) => ({ zone: zone.zone, name: zone.name, percent: formatZonePercent(zones, i), watts: formatZoneWatts(zone) }));
}
