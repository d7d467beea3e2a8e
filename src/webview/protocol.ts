/**
 * The typed messages between the extension host and the FTP chart page, validated with zod on both
 * sides. The page posts `ready` before it receives anything; the host then sends `history`.
 * Nothing here ever carries a token: only FTP figures, dates and ride names.
 */
import * as z from 'zod';

/** One FTP test as the chart shows it. Watts are whole watts; `takenAt` Unix seconds. */
export const chartRowSchema = z.object({
  workoutId: z.string(),
  takenAt: z.number(),
  rideTitle: z.string().nullable(),
  instructor: z.string().nullable(),
  avgOutput: z.number().nullable(),
  calculatedFtp: z.number().nullable(),
  baselineFtp: z.number().nullable(),
});
/** One chart row. */
export type ChartRow = z.infer<typeof chartRowSchema>;

/** Host → page: the history to draw, newest first, or a state with no history yet. */
export const historyMessageSchema = z.object({
  type: z.literal('history'),
  rows: z.array(chartRowSchema),
  /** Rider's name to title the chart; null when signed out. */
  username: z.string().nullable(),
  /** Current FTP and Peloton's estimate from GET /api/me (watts), null when unknown. */
  currentFtp: z.number().nullable(),
  estimatedFtp: z.number().nullable(),
  /** When this history was fetched (Unix seconds), null when never. */
  fetchedAt: z.number().nullable(),
  /** A line to show above the chart (e.g. "Refresh failed: showing history from 3 h ago"), or null. */
  notice: z.string().nullable(),
});
/** The `history` message. */
export type HistoryMessage = z.infer<typeof historyMessageSchema>;

/** Every message the host sends to the page. */
export const hostToPageSchema = z.discriminatedUnion('type', [historyMessageSchema]);

/** Every message the page sends to the host: `ready` once loaded; `openWorkout` when a row's link is used; `refresh`. */
export const pageToHostSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('openWorkout'), workoutId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) }),
  z.object({ type: z.literal('refresh') }),
]);
/** A page → host message. */
export type PageToHost = z.infer<typeof pageToHostSchema>;
