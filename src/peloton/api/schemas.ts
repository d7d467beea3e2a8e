/**
 * zod schemas for every payload the extension reads from Peloton or from the rider, and the types
 * inferred from them. Unknown extra fields pass (Peloton adds fields freely); fields are nullable
 * where real recorded data has nulls. `parsePayload` accepts a leading UTF-8 byte-order mark and
 * raises a {@link PelotonSchemaError} naming the endpoint and the field path when a payload does not fit.
 */
import * as z from 'zod';
import { PelotonSchemaError } from './errors';

/** A nullable number that may also be absent (Peloton omits some fields on old accounts). */
const optionalNumber = z.number().nullable().optional();
const optionalString = z.string().nullable().optional();

/**
 * GET /api/me — the signed-in rider. FTP fields: `cycling_ftp` (watts, 0 when unset or expired),
 * `cycling_ftp_source`, `cycling_ftp_workout_id` (the FTP test that set the current FTP; may be null),
 * `cycling_workout_ftp`, `estimated_cycling_ftp` (Peloton's estimate, watts). Workout counters:
 * `total_workouts` and `last_workout_at` (Unix seconds); when neither changed, no workout was added.
 */
export const meSchema = z.looseObject({
  id: z.string().min(1),
  username: z.string(),
  cycling_ftp: optionalNumber,
  cycling_ftp_source: optionalString,
  cycling_ftp_workout_id: optionalString,
  cycling_workout_ftp: optionalNumber,
  estimated_cycling_ftp: optionalNumber,
  total_workouts: optionalNumber,
  last_workout_at: optionalNumber,
});
/** The parsed GET /api/me payload. */
export type PelotonMe = z.infer<typeof meSchema>;

/**
 * `ftp_info` of a workout: `ftp` is the BASELINE going into the ride (watts; 0 for a first test),
 * `ftp_source` how it was set, `ftp_workout_id` the FTP test that set it (the chain's next link).
 */
export const ftpInfoSchema = z.looseObject({
  ftp: z.number().nullable(),
  ftp_source: z.string().nullable().optional(),
  ftp_workout_id: z.string().nullable().optional(),
});

/**
 * The fields a workout and a workout-list item share: `id`, times in Unix seconds, `status` (`COMPLETE`, or
 * `IN_PROGRESS` while being ridden, then `end_time` is null) and `fitness_discipline`.
 */
const workoutSummaryShape = {
  id: z.string().min(1),
  created_at: z.number(),
  start_time: optionalNumber,
  end_time: optionalNumber,
  status: optionalString,
  fitness_discipline: optionalString,
};

/** GET /api/workout/{id} — one workout, `ride` joined when present; times in Unix seconds. */
export const workoutSchema = z.looseObject({
  ...workoutSummaryShape,
  ride: z
    .looseObject({
      id: optionalString,
      title: optionalString,
      duration: optionalNumber,
      instructor: z.looseObject({ name: optionalString }).nullable().optional(),
    })
    .nullable()
    .optional(),
  ftp_info: ftpInfoSchema.nullable().optional(),
});
/** The parsed GET /api/workout/{id} payload. */
export type Workout = z.infer<typeof workoutSchema>;

/** One `{display_name, display_unit, value, slug}` item of a performance graph's summaries. */
export const summarySchema = z.looseObject({
  display_name: optionalString,
  display_unit: optionalString,
  value: z.number().nullable(),
  slug: z.string(),
});

/**
 * GET /api/workout/{id}/performance_graph — only the parts we read: `duration` (s) and the
 * `average_summaries` list, where slug `avg_output` is the average output in watts.
 */
export const performanceGraphSchema = z.looseObject({
  duration: optionalNumber,
  average_summaries: z.array(summarySchema).nullable().optional(),
  summaries: z.array(summarySchema).nullable().optional(),
});
/** The parsed GET /api/workout/{id}/performance_graph payload. */
export type PerformanceGraph = z.infer<typeof performanceGraphSchema>;

/**
 * One item of GET /api/user/{id}/workouts?joins=ride — a workout summary (no `ftp_info`). Relied on: `id`,
 * `created_at` (Unix seconds), `status` (`COMPLETE`, or `IN_PROGRESS` while being ridden, then `end_time` is
 * null) and the joined class `ride.title` (e.g. "20 min FTP Test Ride"; `ride` is absent without the join).
 * Extra fields pass but are not kept (`z.object` strips them): a page holds 100 items of ~70 fields each, and
 * copying them all was a measurable share of a cold refresh's CPU.
 */
const listedWorkoutSchema = z.object({
  ...workoutSummaryShape,
  ride: z.object({ id: optionalString, title: optionalString }).nullable().optional(),
});
/** The parsed workout summary of a workouts page. */
export type ListedWorkout = z.infer<typeof listedWorkoutSchema>;

/**
 * GET /api/user/{id}/workouts — one page (pages start at 0), newest first. `page_count` says how many
 * pages there are (at most 100 workouts a page, whatever `limit` asked).
 */
export const workoutsPageSchema = z.looseObject({
  data: z.array(listedWorkoutSchema),
  limit: z.number(),
  page: z.number(),
  total: z.number(),
  count: z.number(),
  page_count: z.number(),
  show_previous: z.boolean().optional(),
  show_next: z.boolean().optional(),
});
/** The parsed GET /api/user/{id}/workouts page. */
export type WorkoutsPage = z.infer<typeof workoutsPageSchema>;

/** Peloton's JSON error body: `{"status":401,"error_code":3020,"subcode":null,"message":"Not logged in","details":null}`. */
export const pelotonErrorSchema = z.looseObject({
  status: optionalNumber,
  error_code: optionalNumber,
  subcode: z.unknown().optional(),
  message: optionalString,
  details: z.unknown().optional(),
});

/**
 * The Peloton web app's localStorage value, under the key
 * `@@auth0spajs::<client id>::https://api.onepeloton.com/::openid offline_access`:
 * `{"body":{"access_token":…,"refresh_token":"v1.…","client_id":…,…},"expiresAt":<Unix s>}`.
 */
export const localStorageEntrySchema = z.looseObject({
  body: z.looseObject({
    access_token: z.string().min(1),
    refresh_token: z.string().min(1).optional(),
    client_id: z.string().optional(),
    audience: z.string().optional(),
    scope: z.string().optional(),
    expires_in: z.number().optional(),
    token_type: z.string().optional(),
  }),
  expiresAt: z.number().optional(),
});

/** The claims we read from an access token's JWT payload: `exp` and `iat` in Unix seconds, `sub` the user. */
export const jwtPayloadSchema = z.looseObject({
  exp: z.number().optional(),
  iat: z.number().optional(),
  sub: z.string().optional(),
});
export type JwtPayload = z.infer<typeof jwtPayloadSchema>;

/** Removes a leading UTF-8 byte-order mark, which some Peloton payloads carry. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Formats a zod issue path as `ftp_info.ftp` or `average_summaries[2].value`. */
function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`))
    .join('');
}

/**
 * Validates `data` (already-parsed JSON) against `schema`.
 * @param endpoint Names the source in errors, e.g. `GET /api/me`.
 * @throws {PelotonSchemaError} naming the endpoint and the first failing field path.
 */
export function validatePayload<S extends z.ZodType>(schema: S, data: unknown, endpoint: string): z.infer<S> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const [first, ...others] = result.error.issues;
  const detail = [first?.message ?? 'invalid', ...others.map((i) => `${formatPath(i.path) || '(root)'}: ${i.message}`)].join('; ');
  throw new PelotonSchemaError(endpoint, first ? formatPath(first.path) : '', detail);
}

/**
 * Parses a JSON text (a leading byte-order mark is accepted) and validates it against `schema`.
 * @throws {PelotonSchemaError} when the text is not JSON (path empty) or does not fit the schema.
 */
export function parsePayload<S extends z.ZodType>(schema: S, text: string, endpoint: string): z.infer<S> {
  let data: unknown;
  try {
    data = JSON.parse(stripBom(text));
  } catch {
    const start = text.trimStart().slice(0, 1);
    throw new PelotonSchemaError(endpoint, '', start === '<' ? 'expected JSON, got an HTML page' : 'expected JSON, got text that is not JSON');
  }
  return validatePayload(schema, data, endpoint);
}

/**
 * The average output of a performance graph in watts: the `average_summaries` item with slug
 * `avg_output` (GET /api/workout/{id}/performance_graph), falling back to `summaries`; null when absent.
 */
export function averageOutput(graph: PerformanceGraph): number | null {
  for (const list of [graph.average_summaries, graph.summaries]) {
    const item = list?.find((s) => s.slug === 'avg_output');
    if (item && typeof item.value === 'number' && Number.isFinite(item.value)) return item.value;
  }
  return null;
}
