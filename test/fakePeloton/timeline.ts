/**
 * How busy the fake kept its client: from the recorded requests' arrival and answer times, how many were in flight
 * over the span from the first arrival to the last answer. A client that keeps `limit` in flight all the time is at its
 * floor; time with none in flight is time the client spent on its own work (or waiting on itself) between requests.
 */
import type { RecordedRequest } from './http';

/** The in-flight summary of a stretch of requests (milliseconds of the fake's clock). */
export interface InFlightSummary {
  /** From the first arrival to the last answer. */
  spanMs: number;
  /** The time-weighted mean of requests in flight over the span. */
  meanInFlight: number;
  /** Time with no request in flight. */
  noneMs: number;
  /** Time with some, but fewer than `limit`, in flight. */
  belowLimitMs: number;
}

/**
 * Summarises the answered requests of `requests`. @param limit the client's bound on requests in flight.
 * @returns null when no request was answered.
 */
export function inFlightSummary(requests: readonly RecordedRequest[], limit: number): InFlightSummary | null {
  const answered = requests.filter((r): r is RecordedRequest & { answeredAtMs: number } => r.answeredAtMs !== null);
  if (answered.length === 0) return null;
  // +1 at each arrival, −1 at each answer; an answer sorts before an arrival at the same instant.
  const events = answered.flatMap((r) => [
    { at: r.receivedAtMs, delta: 1 },
    { at: r.answeredAtMs, delta: -1 },
  ]);
  events.sort((a, b) => a.at - b.at || a.delta - b.delta);
  let inFlight = 0;
  let weighted = 0;
  let noneMs = 0;
  let belowLimitMs = 0;
  for (let i = 0; i < events.length - 1; i++) {
    inFlight += events[i]!.delta;
    const width = events[i + 1]!.at - events[i]!.at;
    weighted += inFlight * width;
    if (inFlight === 0) noneMs += width;
    else if (inFlight < limit) belowLimitMs += width;
  }
  const spanMs = events[events.length - 1]!.at - events[0]!.at;
  return { spanMs, meanInFlight: spanMs > 0 ? weighted / spanMs : 0, noneMs, belowLimitMs };
}
