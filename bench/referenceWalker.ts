/**
 * The founding notes' sample walker, written plainly for the benchmark: /api/me, then for each FTP test
 * its workout and then its performance graph, one request after the other; it stops at a null link or a
 * workout pointing to itself, and after 50 tests (the notes' limit; `maxTests` lifts it, so that a rider of
 * 120 chained tests is walked to the end). It keeps nothing between runs.
 */
import { Agent, request } from 'undici';

/** One test as the reference computes it (watts). */
export interface ReferenceTest {
  workoutId: string;
  calculatedFtp: number | null;
  baselineFtp: number;
}

/** What a reference walk returns: the tests, the requests sent and the bytes of every body it read. */
export interface ReferenceResult {
  tests: ReferenceTest[];
  requests: number;
  bytes: number;
}

/** The founding notes' limit on the tests walked. */
export const REFERENCE_WALK_LIMIT = 50;

/**
 * Walks the chain the founding notes' way against `baseUrl` with `token`, at most `maxTests` tests
 * (default {@link REFERENCE_WALK_LIMIT}).
 */
export async function referenceWalk(baseUrl: string, token: string, dispatcher: Agent, maxTests = REFERENCE_WALK_LIMIT): Promise<ReferenceResult> {
  let bytes = 0;
  let requests = 0;
  const get = async (path: string): Promise<Record<string, unknown>> => {
    requests++;
    const res = await request(new URL(path, baseUrl), {
      dispatcher,
      headers: { authorization: `Bearer ${token}`, 'peloton-platform': 'web' },
    });
    const text = await res.body.text();
    bytes += Buffer.byteLength(text);
    if (res.statusCode !== 200) throw new Error(`${path}: HTTP ${res.statusCode}`);
    return JSON.parse(text.replace(/^\uFEFF/, '')) as Record<string, unknown>;
  };
  const me = await get('/api/me');
  const tests: ReferenceTest[] = [];
  let id = me.cycling_ftp_workout_id as string | null;
  while (id && tests.length < maxTests) {
    const workout = await get(`/api/workout/${id}`);
    const graph = await get(`/api/workout/${id}/performance_graph`);
    const summaries = (graph.average_summaries ?? []) as Array<{ slug: string; value: number }>;
    const avg = summaries.find((s) => s.slug === 'avg_output')?.value;
    const info = workout.ftp_info as { ftp: number; ftp_workout_id: string | null };
    tests.push({ workoutId: id, calculatedFtp: avg === undefined ? null : Math.round(avg * 0.95), baselineFtp: info.ftp });
    if (info.ftp_workout_id === id) break;
    id = info.ftp_workout_id;
  }
  return { tests, requests, bytes };
}
