/**
 * The power zones table the host sends the chart page, inside the `history` message (field `zones`):
 * every text already written in the display language by the host, so the page only lays it out.
 */
import * as z from 'zod/mini';

/** One zone row: number 1–7, label (`Z4 · Threshold`), band in % of FTP (`91–105 %`), watts (`159–185 W`). */
export const zoneRowSchema = z.object({
  zone: z.number().check(z.int(), z.gte(1), z.lte(7)),
  label: z.string(),
  percent: z.string(),
  watts: z.string(),
});

/** The zones of the rider's current FTP (watts), with the table's heading and three column titles. */
export const zoneTableSchema = z.object({
  ftp: z.number(),
  heading: z.string(),
  columns: z.tuple([z.string(), z.string(), z.string()]),
  rows: z.array(zoneRowSchema).check(z.length(7)),
});
/** The zones table. */
export type ZoneTable = z.infer<typeof zoneTableSchema>;
