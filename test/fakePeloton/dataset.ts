/**
 * The data model of the fake Peloton API: one rider and the workouts the rider has. It is deliberately loose so that
 * tests can describe broken histories too (chains with cycles, dangling ids, missing graphs): nothing here checks that
 * `ftpInfo` points anywhere real. The builder turns a rider into full-size payloads; the server serves them.
 */
import { createHash } from 'node:crypto';

/** Where a workout's baseline FTP came from, as Peloton names it in `ftp_info.ftp_source`. */
export type FtpSource = 'ftp_workout_source' | 'ftp_manual_source' | 'ftp_estimated_source' | null;

/** `fitness_discipline` of a workout and its class, as Peloton names it. */
export type FitnessDiscipline = 'cycling' | 'running' | 'strength' | 'stretching' | 'yoga' | 'meditation' | 'walking' | 'cardio';

/** `status` of a workout: `COMPLETE` once finished, `IN_PROGRESS` while it is being done (then `end_time` is null). */
type WorkoutStatus = 'COMPLETE' | 'IN_PROGRESS';

/**
 * The language a class is taught in, as a joined ride's `language` says it. Every recorded ride says 'english'
 * (`origin_locale` 'en-US'); 'german' and 'spanish' and their locales are the fake's guess (no recording shows them).
 */
export type ClassLanguage = 'english' | 'german' | 'spanish';

/**
 * How an FTP test was ridden, which shapes its 1-second output series (series.ts): 'fade' starts hard and ends
 * weak (second half below the first), 'negative-split' holds back and finishes strong, 'even' holds one level.
 */
export type Pacing = 'fade' | 'negative-split' | 'even';

/** The time zone a workout was ridden in: its IANA name (the workout's `timezone`) and its UTC offset then, seconds. */
export interface RiderZone {
  name: string;
  offsetSeconds: number;
}

/** The rider's home zone in every workout unless told otherwise: America/Chicago in winter (UTC−6). */
export const HOME_ZONE: RiderZone = { name: 'America/Chicago', offsetSeconds: -6 * 3600 };

/**
 * The order of GET /api/user/{id}/workouts: by `created_at` (UTC; recordings of 2019–2022 say `sort_by`
 * '-created_at,-pk') or by `device_time_created_at` (the rider's local clock; a 2024 recording says
 * '-device_time_created_at,-pk'). Newest first either way, ties by id.
 */
export type ListOrder = 'created_at' | 'device_time_created_at';

/** One workout of the rider (an FTP test, any other ride, or a class of another discipline). */
export interface FakeWorkout {
  /** Workout id, 32 lowercase hex characters like Peloton's. */
  id: string;
  /** When the workout was created, Unix seconds; the ride starts a minute later. */
  createdAt: number;
  /** The class title, e.g. '20 min FTP Test Ride' or '30 min Power Zone Ride'. */
  title: string;
  /** The instructor's display name, or null for a class without one. */
  instructor: string | null;
  /** Average output in watts; null = the performance graph has no `avg_output` summary (and no output metric). */
  avgOutput: number | null;
  /** 'missing' = GET /api/workout/{id}/performance_graph answers 404. */
  graph: 'ok' | 'missing';
  /**
   * The workout's `ftp_info`: `ftp` is the BASELINE going into the workout (watts; with `ftp_manual_source` it is the
   * stored 20-minute value), `workoutId` the FTP test that set it (or null).
   */
  ftpInfo: { ftp: number; source: FtpSource; workoutId: string | null };
  /** The class's discipline. Default 'cycling'. */
  discipline?: FitnessDiscipline;
  /** Default 'COMPLETE'. An 'IN_PROGRESS' workout has `end_time` null and a partial `avgOutput`. */
  status?: WorkoutStatus;
  /**
   * Whether the class is an FTP test as Peloton says it (`is_ftp_test` of GET /api/ride/{ride_id}/details). Default:
   * the English title rule ({@link isFtpTestTitle}); set it for classes the title rule cannot decide (a German or
   * Spanish test, an "FTP Builder" class that is no test).
   */
  ftpTest?: boolean;
  /** The class's language (the joined ride's `language` and `origin_locale`). Default 'english'. */
  language?: ClassLanguage;
  /**
   * The class (ride) id when several workouts took the same class; default: a class of its own
   * ({@link rideIdOf} in builder.ts derives it from the workout id).
   */
  rideId?: string;
  /** Where it was ridden (`timezone`, and `device_time_created_at` = createdAt + offset). Default {@link HOME_ZONE}. */
  zone?: RiderZone;
  /** How an FTP test was ridden (its output series). Default: one of the three, picked by a seed from the id. */
  pacing?: Pacing;
}

/** The rider behind GET /api/me, with every workout the rider has. */
export interface FakeRider {
  /** User id, 32 hex characters. */
  userId: string;
  /** Leaderboard name. */
  username: string;
  /** `cycling_ftp`, watts (0 when unset). */
  cyclingFtp: number;
  /** `cycling_ftp_source`, e.g. 'ftp_workout_source', or null. */
  cyclingFtpSource: string | null;
  /** `cycling_ftp_workout_id`: the FTP test that set the current FTP, or null. */
  cyclingFtpWorkoutId: string | null;
  /** `cycling_workout_ftp`, watts. */
  cyclingWorkoutFtp: number;
  /** `estimated_cycling_ftp`, watts. */
  estimatedCyclingFtp: number;
  /** Every workout the rider has (FTP tests and others), in any order. */
  workouts: FakeWorkout[];
  /** The order of the workouts list (the server's `listOrder` option overrides it). Default 'created_at'. */
  listOrder?: ListOrder;
}

/** A stable 32-hex-character id derived from a label (the same label always gives the same id). */
export function fakeId(label: string): string {
  return createHash('sha256').update(label).digest('hex').slice(0, 32);
}

/** 12:00 UTC on the given calendar day (month 1–12), in Unix seconds: the same local date from UTC−11 to UTC+11. */
export function noonUtc(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day, 12, 0, 0) / 1000;
}

/** The FTP result of a test from its average output (watts): round(avg × 0.95). */
export function calculatedFtp(avgOutput: number): number {
  return Math.round(avgOutput * 0.95);
}

/** True when a class title names an FTP test ride ('20 min FTP Test Ride'), not a warm-up ('FTP Warm Up Ride'). */
export function isFtpTestTitle(title: string): boolean {
  return /\bFTP Test\b/i.test(title);
}

/** True when the workout's class is an FTP test (`is_ftp_test`): its `ftpTest`, else the English title rule. */
export function isFtpTestClass(w: FakeWorkout): boolean {
  return w.ftpTest ?? isFtpTestTitle(w.title);
}

/** The workout's `device_time_created_at`: `createdAt` on the rider's local clock (createdAt + UTC offset), Unix seconds. */
export function deviceTimeOf(w: FakeWorkout): number {
  return w.createdAt + (w.zone ?? HOME_ZONE).offsetSeconds;
}

/** A workout's length in seconds: the minutes in its class title ('20 min …' → 1200), else 1800. */
export function durationOf(w: FakeWorkout): number {
  const m = /(\d+)\s*min\b/i.exec(w.title);
  return m ? Number(m[1]) * 60 : 1800;
}

/** The discipline of a workout ('cycling' unless it says otherwise). */
export function disciplineOf(w: FakeWorkout): FitnessDiscipline {
  return w.discipline ?? 'cycling';
}

/** True when the workout is finished (`status` COMPLETE): only then is it counted in /api/me. */
export function isComplete(w: FakeWorkout): boolean {
  return (w.status ?? 'COMPLETE') === 'COMPLETE';
}

/** The workout with that id, or undefined. */
export function findWorkout(rider: FakeRider, id: string): FakeWorkout | undefined {
  return rider.workouts.find((w) => w.id === id);
}

/**
 * The rider's workouts newest first as the workouts list sorts them: by `createdAt` (default) or by
 * `device_time_created_at` ({@link deviceTimeOf}), then by id (the list's `-pk`).
 */
export function newestFirst(rider: FakeRider, order: ListOrder = rider.listOrder ?? 'created_at'): FakeWorkout[] {
  const key = order === 'created_at' ? (w: FakeWorkout) => w.createdAt : deviceTimeOf;
  return [...rider.workouts].sort((a, b) => key(b) - key(a) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
}
