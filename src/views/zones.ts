/**
 * Power zones in VS Code: the seven child rows of the FTP Tests tree's current-FTP row (`Z4 · Threshold`,
 * `159–185 W`), the zones block of a test's tooltip (the zones its result would set), and the zones table
 * the chart page is sent. The zones are those of {@link powerZones} for the current FTP read by its source
 * ({@link currentFtp}, GET /api/me `cycling_ftp` / `cycling_ftp_source`); zone names are Peloton's,
 * translated here.
 */
import * as vscode from 'vscode';
import { currentFtp } from '../peloton/ftp/rules';
import type { RiderFtp } from '../peloton/ftp/model';
import type { ZoneTable } from '../shared/zonesProtocol';
import { zoneTexts, type ZoneText } from './zoneFormat';

/** The tree row's contextValue of a power zone. */
export const POWER_ZONE_CONTEXT = 'powerZone';

/** Peloton's name of zone 1–7 in the display language. */
export function zoneName(zone: number): string {
  switch (zone) {
    case 1:
      return vscode.l10n.t('Active Recovery');
    case 2:
      return vscode.l10n.t('Endurance');
    case 3:
      return vscode.l10n.t('Tempo');
    case 4:
      return vscode.l10n.t('Threshold');
    case 5:
      return vscode.l10n.t('VO2 Max');
    case 6:
      return vscode.l10n.t('Anaerobic Capacity');
    default:
      return vscode.l10n.t('Neuromuscular');
  }
}

/** `Z4 · Threshold` in the display language. */
export function zoneLabel(zone: number): string {
  return vscode.l10n.t('Z{0} · {1}', zone, zoneName(zone));
}

/** The rider's current FTP in watts by its source rule, or null. */
export function currentFtpWatts(rider: RiderFtp | null | undefined): number | null {
  return rider ? currentFtp(rider).watts : null;
}

/** A child row of the current-FTP row: one power zone. */
export class PowerZoneTreeItem extends vscode.TreeItem {
  constructor(zone: ZoneText, ftp: number) {
    super(zoneLabel(zone.zone), vscode.TreeItemCollapsibleState.None);
    this.id = `zone:${zone.zone}`;
    this.description = zone.watts;
    this.tooltip = vscode.l10n.t('{0}: {1} of FTP, {2} at FTP {3} W', zoneLabel(zone.zone), zone.percent, zone.watts, ftp);
    this.contextValue = POWER_ZONE_CONTEXT;
    this.iconPath = new vscode.ThemeIcon('symbol-numeric');
    this.accessibilityInformation = { label: vscode.l10n.t('Zone {0}, {1}, {2}', zone.zone, zoneName(zone.zone), zone.watts), role: 'treeitem' };
  }
}

/** The seven zone rows for the rider's current FTP; [] when it is unknown. */
export function powerZoneItems(rider: RiderFtp | null | undefined): PowerZoneTreeItem[] {
  const ftp = currentFtpWatts(rider);
  return ftp === null ? [] : zoneTexts(ftp).map((zone) => new PowerZoneTreeItem(zone, ftp));
}

/** How the current-FTP row shows: collapsed with the zones under it when there is an FTP, else a leaf. */
export function riderRowCollapsibleState(rider: RiderFtp | null | undefined): vscode.TreeItemCollapsibleState {
  return currentFtpWatts(rider) === null ? vscode.TreeItemCollapsibleState.None : vscode.TreeItemCollapsibleState.Collapsed;
}

/**
 * The Markdown block a test's tooltip ends with: the zones its result would set, as a table. Empty when
 * the test has no result.
 * @param result the test's result in watts (average output × 0.95), or null.
 */
export function zonesTooltipMarkdown(result: number | null): string {
  const zones = zoneTexts(result);
  if (zones.length === 0) return '';
  const lines = ['', '', `**${vscode.l10n.t('Power zones this result would set')}**`, ''];
  lines.push(`| ${vscode.l10n.t('Zone')} | ${vscode.l10n.t('% of FTP')} | ${vscode.l10n.t('Watts')} |`, '|---|---:|---:|');
  for (const zone of zones) lines.push(`| ${zoneLabel(zone.zone)} | ${escapeCell(zone.percent)} | ${escapeCell(zone.watts)} |`);
  return lines.join('\n');
}

/** Escapes what Markdown reads in a table cell (`>` would start a quote, `|` a cell). */
function escapeCell(text: string): string {
  return text.replace(/[|>]/g, (c) => `\\${c}`);
}

/** The zones table for the chart page (every text already in the display language), or null without an FTP. */
export function chartZoneTable(rider: RiderFtp | null | undefined): ZoneTable | null {
  const ftp = currentFtpWatts(rider);
  if (ftp === null) return null;
  return {
    ftp,
    heading: vscode.l10n.t('Power zones at FTP {0} W', ftp),
    columns: [vscode.l10n.t('Zone'), vscode.l10n.t('% of FTP'), vscode.l10n.t('Watts')],
    rows: zoneTexts(ftp).map((zone) => ({ zone: zone.zone, label: zoneLabel(zone.zone), percent: zone.percent, watts: zone.watts })),
  };
}
