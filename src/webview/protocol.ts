/**
 * The typed messages between the extension host and the FTP chart page, validated with zod on both
 * sides. The page posts `ready` before it receives anything; the host then sends `history`.
 * Nothing here ever carries a token: only FTP figures, dates and ride names.
 */
import * as z from 'zod/mini';
import { zoneTableSchema } from './zonesProtocol';

/** One FTP test as the chart shows it. Watts are whole watts; `takenAt` Unix seconds. */
export const chartRowSchema = z.object({
  workoutId: z.string(),
  takenAt: z.number(),
  rideTitle: z.nullable(z.string()),
  instructor: z.nullable(z.string()),
  avgOutput: z.nullable(z.number()),
  calculatedFtp: z.nullable(z.number()),
  baselineFtp: z.nullable(z.number()),
});
/** One chart row. */
export type ChartRow = z.infer<typeof chartRowSchema>;

/** Host → page: the history to draw, newest first, or a state with no history yet. */
export const historyMessageSchema = z.object({
  type: z.literal('history'),
  rows: z.array(chartRowSchema),
  /** Rider's name to title the chart; null when signed out. */
  username: z.nullable(z.string()),
  /** Current FTP and Peloton's estimate from GET /api/me (watts), null when unknown. */
  currentFtp: z.nullable(z.number()),
  estimatedFtp: z.nullable(z.number()),
  /** When this history was fetched (Unix seconds), null when never. */
  fetchedAt: z.nullable(z.number()),
  /** A line to show above the chart (e.g. "Refresh failed: showing history from 3 h ago"), or null. */
  notice: z.nullable(z.string()),
  /** The power zones of the current FTP (see zonesProtocol.ts); null or absent when there is no FTP. */
  zones: z.optional(z.nullable(zoneTableSchema)),
});
/** The `history` message. */
export type HistoryMessage = z.infer<typeof historyMessageSchema>;

/** Every message the host sends to the page. */
export const hostToPageSchema = z.discriminatedUnion('type', [historyMessageSchema]);
/** A host → page message. */
export type HostToPage = z.infer<typeof hostToPageSchema>;

/** Every message the page sends to the host: `ready` once loaded; `openWorkout` when a row's link is used; `refresh`. */
export const pageToHostSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('openWorkout'), workoutId: z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/)) }),
  z.object({ type: z.literal('refresh') }),
]);
/** A page → host message. */
export type PageToHost = z.infer<typeof pageToHostSchema>;
