/**
 * The typed messages between the extension host and the FTP chart page, validated with zod on both
 * sides. The page posts `ready` before it receives anything; the host then sends `history`, and `testDetail` each time
 * the page asks for a test's power series with `showTest`.
 * Nothing here ever carries a token: only FTP figures, dates and ride names.
 */
import * as z from 'zod/mini';
import { zoneTableSchema } from './zonesProtocol';

/** Where a baseline FTP (or the current FTP) came from. */
export const baselineOriginSchema = z.enum(['test', 'manual', 'estimated', 'none']);

/**
 * How a test was ridden (src/peloton/ftp/pacing.ts): each quarter's mean output (whole watts, first to last) and the
 * half split (whole percent: negative a fade, positive a negative split).
 */
export const pacingSchema = z.object({
  quartersW: z.tuple([z.number(), z.number(), z.number(), z.number()]),
  halfSplitPct: z.number(),
});
/** A test's pacing figures. */
export type PacingFigures = z.infer<typeof pacingSchema>;

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
  /** How the test was ridden; null (or absent, from a page state saved before pacing) when it has no power series. */
  pacing: z.optional(z.nullable(pacingSchema)),
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

/**
 * A test's power over time (src/peloton/ftp/model.ts PowerSeries): the class duration (s), each sample's seconds since
 * pedaling start, its output (W) and cadence (rpm; null without a cadence series), null where a sample has none.
 */
export const powerSeriesSchema = z.object({
  duration: z.number(),
  seconds: z.array(z.number()),
  output: z.array(z.nullable(z.number())),
  cadence: z.nullable(z.array(z.nullable(z.number()))),
});
/** One test's power series on the page. */
export type PowerSeriesData = z.infer<typeof powerSeriesSchema>;

/**
 * Host → page, the answer to `showTest`: the power series of one test and of the test taken before it (the next older
 * in the history), for the test detail. Sent only when asked, so the `history` message stays small.
 */
export const testDetailMessageSchema = z.object({
  type: z.literal('testDetail'),
  workoutId: z.string(),
  /** The test's series; null when it has none (no graph, no output series, or not read yet). */
  series: z.nullable(powerSeriesSchema),
  /** The test taken before it; null for the oldest test (or one no longer in the history). */
  previous: z.nullable(z.object({ workoutId: z.string(), takenAt: z.number(), series: z.nullable(powerSeriesSchema) })),
});
/** The `testDetail` message. */
export type TestDetailMessage = z.infer<typeof testDetailMessageSchema>;

/** Every message the host sends to the page. */
export const hostToPageSchema = z.discriminatedUnion('type', [historyMessageSchema, testDetailMessageSchema]);

const workoutIdSchema = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/));

/**
 * Every message the page sends to the host: `ready` once loaded; `openWorkout` when a row's link is used; `refresh`;
 * `showTest` when the rider selects a test (the host answers `testDetail`).
 */
export const pageToHostSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('openWorkout'), workoutId: workoutIdSchema }),
  z.object({ type: z.literal('refresh') }),
  z.object({ type: z.literal('showTest'), workoutId: workoutIdSchema }),
]);
/** A page → host message. */
export type PageToHost = z.infer<typeof pageToHostSchema>;
