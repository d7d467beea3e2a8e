/**
 * The typed messages between the extension host and the FTP chart page, validated with zod on both
 * sides. The page posts `ready` before it receives anything; the host then sends `history`.
 * Nothing here ever carries a token: only FTP figures, dates and ride names.
 */
import * as z from 'zod/mini';
import { zoneTableSchema } from './zonesProtocol';

/** Where a baseline FTP (or the current FTP) came from. */
export const baselineOriginSchema = z.enum(['test', 'manual', 'estimated', 'none']);

/** One FTP test as the chart shows it. Watts are whole watts; `takenAt` Unix seconds. */
export const chartRowSchema = z.object({
  workoutId: z.string(),
  takenAt: z.number(),
  rideTitle: z.nullable(z.string()),
  instructor: z.nullable(z.string()),
  avgOutput: z.nullable(z.number()),
  calculatedFtp: z.nullable(z.number()),
  baselineFtp: z.nullable(z.number()),
  /** Where the baseline came from (`BaselineKind` of src/peloton/ftp/rules.ts): test, manual, estimated, or none (first test). */
  baselineOrigin: baselineOriginSchema,
  /** For a baseline set by a test: when that test was taken (Unix seconds); null when it is not in the history. */
  baselineSetAt: z.nullable(z.number()),
  /** For a hand-entered baseline: the value the rider entered (a 20-minute average, watts); else null. */
  enteredBaseline: z.nullable(z.number()),
  /** Whether the result became the rider's FTP: applied, not-applied (declined), or null (no mark). */
  applied: z.nullable(z.enum(['applied', 'not-applied'])),
});
/** One chart row. */
export type ChartRow = z.infer<typeof chartRowSchema>;

/** Host → page: the history to draw, newest first, or a state with no history yet. */
export const historyMessageSchema = z.object({
  type: z.literal('history'),
  rows: z.array(chartRowSchema),
  /** Rider's name to title the chart; null when signed out. */
  username: z.nullable(z.string()),
  /** Current FTP and Peloton's estimate from GET /api/me (watts), null when unknown; a hand-entered FTP already × 0.95. */
  currentFtp: z.nullable(z.number()),
  /** Where the current FTP came from; null when unknown. */
  currentFtpOrigin: z.nullable(baselineOriginSchema),
  /** For a hand-entered current FTP: the value entered (watts); else null. */
  currentFtpEntered: z.nullable(z.number()),
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

/** Every message the page sends to the host: `ready` once loaded; `openWorkout` when a row's link is used; `refresh`. */
export const pageToHostSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('openWorkout'), workoutId: z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/)) }),
  z.object({ type: z.literal('refresh') }),
]);
/** A page → host message. */
export type PageToHost = z.infer<typeof pageToHostSchema>;
