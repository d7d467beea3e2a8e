/**
 * Peloton's own word on classes whose title the rule cannot decide (testRule.ts `titleKind` 'ask': a German or
 * Spanish test, a renamed class, an "FTP Builder" ride): GET /api/ride/{ride_id}/details, top-level `is_ftp_test`
 * (PELOTON_API.md "Finding every FTP test"). Each class is asked about once: answers are kept by class (ride) id in
 * the stored history (`FtpHistory.ftpClasses`), and one refresh asks each class once however many workouts took it.
 * A lookup that fails is not an answer: it is told as a warning and asked again by the next refresh.
 */
import type { ExchangeSlot, PelotonApi } from '../api/pelotonApi';
import { PelotonAuthError, isAbortError } from '../api/errors';

/** The part of the API the checks use. */
export type FtpClassApi = Pick<PelotonApi, 'getRideDetails'>;

/** Whether Peloton files each class as an FTP test (`is_ftp_test`), by class (ride) id. */
export type FtpClassAnswers = Record<string, boolean>;

/** One class check: Peloton's answer, or why there is none (the error of the lookup, not an auth error). */
export type FtpClassCheck = { ok: true; isTest: boolean } | { ok: false; error: unknown };

/** The class answers of one refresh: the stored ones and those it asks for, under the refresh's bound. */
export class FtpClassChecks {
  private readonly answers: Map<string, boolean>;
  private readonly asked = new Map<string, Promise<FtpClassCheck>>();

  /**
   * @param stored the answers kept from earlier refreshes (absent in a history stored before classes were asked).
   * @param slot the refresh's shared bound on requests in flight (each request's exchange runs under it).
   */
  constructor(
    private readonly api: FtpClassApi,
    stored: Readonly<FtpClassAnswers> | undefined,
    private readonly slot: ExchangeSlot,
    private readonly signal: AbortSignal,
  ) {
    this.answers = new Map(Object.entries(stored ?? {}));
  }

  /** The known answer for a class, or undefined when it was never answered. */
  known(rideId: string): boolean | undefined {
    return this.answers.get(rideId);
  }

  /**
   * Asks Peloton about a class, once per refresh (a known class is answered without a request).
   * @throws {PelotonAuthError} (the session is refused: the refresh fails as a whole), or an `AbortError`;
   *   any other failure is an answer of `{ ok: false }`.
   */
  check(rideId: string): Promise<FtpClassCheck> {
    const known = this.answers.get(rideId);
    if (known !== undefined) return Promise.resolve({ ok: true, isTest: known });
    let promise = this.asked.get(rideId);
    if (!promise) {
      promise = this.api.getRideDetails(rideId, this.signal, this.slot).then(
        (details): FtpClassCheck => {
          this.answers.set(rideId, details.is_ftp_test);
          return { ok: true, isTest: details.is_ftp_test };
        },
        (error: unknown): FtpClassCheck => {
          if (error instanceof PelotonAuthError || isAbortError(error) || this.signal.aborted) throw error;
          return { ok: false, error };
        },
      );
      this.asked.set(rideId, promise);
    }
    return promise;
  }

  /** Every answer known now (stored and new), to keep in the history. */
  toStore(): FtpClassAnswers {
    return Object.fromEntries(this.answers);
  }
}
