/**
 * Power series for tests stored before the history kept them (FtpTest.series absent): a refresh reads each such
 * test's performance graph once, and never again once it has an answer. Plain Node.
 */
import { PelotonApiError, PelotonSchemaError, isAbortError } from '../api/errors';
import type { PerformanceGraph } from '../api/schemas';
import type { FtpTest, PowerSeries } from './model';
import { powerSeriesOf } from './powerSeries';

/** Reads one workout's performance graph (the history builder's bounded GET /api/workout/{id}/performance_graph). */
export type GraphReader = (workoutId: string) => Promise<PerformanceGraph>;

/**
 * The tests with a series for each one that had none (`series` absent), same order. A test without an average output
 * (its graph was missing or had no `avg_output`) gets null without a request; the others one graph request each, all
 * started at once (`readGraph` bounds them). The graph's series, or null when it has none, answers 404 or does not
 * fit its schema; any other failure (HTTP 500 after retries, network, 401) leaves the test as it was, for the next
 * refresh, and does not fail this one.
 * @throws an AbortError when a request was aborted (the refresh was cancelled or failed elsewhere).
 */
export async function fillSeries(tests: readonly FtpTest[], readGraph: GraphReader): Promise<FtpTest[]> {
  const read = async (test: FtpTest): Promise<FtpTest> => {
    if (test.series !== undefined) return test;
    if (test.avgOutput === null) return { ...test, series: null };
    let series: PowerSeries | null;
    try {
      series = powerSeriesOf(await readGraph(test.workoutId));
    } catch (error) {
      if (isAbortError(error)) throw error;
      const settled = error instanceof PelotonSchemaError || (error instanceof PelotonApiError && error.status === 404);
      if (!settled) return test;
      series = null;
    }
    return { ...test, series };
  };
  return Promise.all(tests.map(read));
}
