/**
 * Builds full-size Peloton payloads from a {@link FakeRider}: the same fields, nesting and sizes as real responses
 * (GET /api/me, /api/workout/{id}, /api/workout/{id}/performance_graph, /api/user/{id}/workouts), with made-up values.
 * Everything is deterministic: values come from a pseudo-random generator seeded by the ids, so a payload's size and
 * content are stable from run to run. Units: watts, rpm, %, mph, bpm; times in Unix seconds; durations in seconds.
 */
import {
  type ClassLanguage,
  type FakeRider,
  type FakeWorkout,
  type FitnessDiscipline,
  type ListOrder,
  HOME_ZONE,
  deviceTimeOf,
  disciplineOf,
  durationOf,
  fakeId,
  isComplete,
  isFtpTestClass,
  newestFirst,
  noonUtc,
} from './dataset';
import { rngFor } from './random';
import { MAX_HEART_RATE, type SampleLabels, type SecondSeries, sampleLabels, sampleValues, secondSeriesOf, segmentsFor } from './series';

/** Host used in every made-up asset URL (reserved `.invalid` TLD: nothing resolves). */
const ASSET_HOST = 'https://assets.fake-peloton.invalid';
/** The most items one workouts-list page holds: a larger `limit` is cut to this (PELOTON_API.md, "Listing workouts"). */
export const MAX_PAGE_LIMIT = 100;

/** Per discipline: display name, the list item's `name`, `metrics_type`, device and platform. */
const DISCIPLINES: Record<FitnessDiscipline, { display: string; name: string; device: string; platform: string }> = {
  cycling: { display: 'Cycling', name: 'Cycling Workout', device: 'home_bike_v1', platform: 'home_bike' },
  running: { display: 'Running', name: 'Running Workout', device: 'home_tread', platform: 'home_tread' },
  walking: { display: 'Walking', name: 'Walking Workout', device: 'home_tread', platform: 'home_tread' },
  strength: { display: 'Strength', name: 'Strength Workout', device: 'iPhone', platform: 'iOS_app' },
  stretching: { display: 'Stretching', name: 'Stretching Workout', device: 'iPhone', platform: 'iOS_app' },
  yoga: { display: 'Yoga', name: 'Yoga Workout', device: 'iPhone', platform: 'iOS_app' },
  meditation: { display: 'Meditation', name: 'Meditation Workout', device: 'iPhone', platform: 'iOS_app' },
  cardio: { display: 'Cardio', name: 'Cardio Workout', device: 'iPhone', platform: 'iOS_app' },
};

/**
 * `origin_locale` of a class by `language`. Recorded: 'english' → 'en-US'; the German and Spanish locales are the
 * fake's guess (no recording shows a class taught in another language).
 */
const LOCALES: Record<ClassLanguage, string> = { english: 'en-US', german: 'de-DE', spanish: 'es-ES' };

/** The description of an FTP test class by language (the German and Spanish wording is the fake's own). */
const TEST_DESCRIPTIONS: Record<ClassLanguage, string> = {
  english: 'Twenty minutes at the highest effort you can hold. Your average output sets your power zones.',
  german: 'Zwanzig Minuten mit der höchsten Leistung, die du halten kannst. Dein Durchschnitt bestimmt deine Power Zones.',
  spanish: 'Veinte minutos al máximo esfuerzo que puedas mantener. Tu potencia media define tus zonas de potencia.',
};

// ---------------------------------------------------------------------------------------------------------------
// Small helpers

const round1 = (x: number): number => Math.round(x * 10) / 10;
const round2 = (x: number): number => Math.round(x * 100) / 100;

/** A made-up asset URL under {@link ASSET_HOST}. */
function assetUrl(folder: string, seed: string, ext = 'png'): string {
  return `${ASSET_HOST}/${folder}/${fakeId(`${folder}:${seed}`)}.${ext}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Payload types (the fields a client reads are typed; the rest are there for size and shape)

/** One item of `average_summaries` or `summaries`: e.g. `{display_name:'Avg Output', display_unit:'watts', value:185, slug:'avg_output'}`. */
interface SummaryItem {
  display_name: string;
  display_unit: string;
  value: number;
  slug: string;
}

/** One per-sample series of a performance graph (`values` has one entry per sample). */
interface MetricSeries {
  display_name: string;
  display_unit: string;
  max_value: number;
  average_value: number;
  values: number[];
  slug: string;
  zones?: Array<{ display_name: string; slug: string; range: string; duration: number; max_value: number; min_value: number }>;
  missing_data_duration?: number;
}

/** `ftp_info` of a workout: the baseline FTP (watts) going into it, its source, and the FTP test that set it. */
interface FtpInfoPayload {
  ftp: number;
  ftp_source: string | null;
  ftp_workout_id: string | null;
}

/** GET /api/me. */
type MePayload = Record<string, unknown> & {
  id: string;
  username: string;
  cycling_ftp: number;
  cycling_ftp_source: string | null;
  cycling_ftp_workout_id: string | null;
  cycling_workout_ftp: number;
  estimated_cycling_ftp: number;
};

/** The `ride` joined into a workout (a class), with its instructor (null for classes without one; absent when not joined). */
type RidePayload = Record<string, unknown> & {
  id: string;
  title: string;
  duration: number;
  fitness_discipline: string;
  instructor_id: string | null;
  instructor?: (Record<string, unknown> & { id: string; name: string }) | null;
};

/** A workout as the workouts list shows it (the recorded list shape), with `ride` when the list was joined. */
type WorkoutListItemPayload = Record<string, unknown> & {
  id: string;
  created_at: number;
  start_time: number;
  end_time: number | null;
  status: string;
  fitness_discipline: string;
  user_id: string;
  ride?: RidePayload;
};

/** GET /api/workout/{id}: the workout with `ride` joined and `ftp_info`. */
type WorkoutPayload = WorkoutListItemPayload & { ride: RidePayload; ftp_info: FtpInfoPayload };

/** GET /api/workout/{id}/performance_graph. */
type PerformanceGraphPayload = Record<string, unknown> & {
  duration: number;
  seconds_since_pedaling_start: number[];
  average_summaries: SummaryItem[];
  summaries: SummaryItem[];
  metrics: MetricSeries[];
};

/** GET /api/user/{id}/workouts: one page (pages start at 0). */
interface WorkoutsPagePayload {
  data: WorkoutListItemPayload[];
  limit: number;
  page: number;
  total: number;
  count: number;
  page_count: number;
  show_previous: boolean;
  show_next: boolean;
  sort_by: string;
  /** Workouts per month of the rider's local clock, e.g. `{'2019-08': 7}` (the avchrisr recording). */
  summary: Record<string, number>;
  /** Always `[]` in the recordings. */
  aggregate_stats: unknown[];
  /** Where the next page starts: the last item of this one (only while `show_next`). */
  next?: { created_at: number; workout_id: string };
}

// ---------------------------------------------------------------------------------------------------------------
// GET /api/me

const FIRST_NAMES = ['Robin', 'Casey', 'Jamie', 'Riley', 'Alex', 'Dana', 'Quinn', 'Sasha'] as const;
const LAST_NAMES = ['Marsh', 'Okafor', 'Lindqvist', 'Duarte', 'Hale', 'Moreau', 'Tanaka', 'Brennan'] as const;
const TOWNS = ['Bend, OR', 'Duluth, MN', 'Asheville, NC', 'Boise, ID', 'Burlington, VT', 'Flagstaff, AZ'] as const;
const WORKOUT_COUNT_KINDS = [
  ['Yoga', 'yoga'], ['Stretching', 'stretching'], ['Strength', 'strength'], ['Bootcamp', 'circuit'],
  ['Running', 'running'], ['Cycling', 'cycling'], ['Walking', 'walking'], ['Cardio', 'cardio'], ['Meditation', 'meditation'],
] as const;

/** Heart-rate zone lower bounds (bpm) for a maximum heart rate: 0, 65 %, 75 %, 85 %, 95 %. */
function heartRateZoneBounds(max: number): number[] {
  return [0, round1(max * 0.65), round1(max * 0.75), round1(max * 0.85), round1(max * 0.95)];
}

/**
 * GET /api/me for the rider: every field of the real user object, with the rider's FTP fields. The workout counters
 * count the rider's finished (COMPLETE) workouts: `total_workouts`, `workout_counts` (per discipline),
 * `total_pedaling_metric_workouts` (cycling), `total_non_pedaling_metric_workouts` (the rest) and `last_workout_at`
 * (the newest finished workout's created_at, Unix seconds; null without one). A workout still IN_PROGRESS is in the
 * workouts list but not yet in these counters.
 */
export function buildMe(rider: FakeRider): MePayload {
  const rng = rngFor(`me:${rider.userId}`);
  const first = rng.pick(FIRST_NAMES);
  const last = rng.pick(LAST_NAMES);
  const email = `${rider.username.toLowerCase() || 'rider'}@example.invalid`;
  const finished = rider.workouts.filter(isComplete);
  const firstWorkout = rider.workouts.reduce((t, w) => Math.min(t, w.createdAt), 1_577_880_000);
  const lastWorkout = finished.length > 0 ? finished.reduce((t, w) => Math.max(t, w.createdAt), 0) : null;
  const counts: Record<string, number> = {};
  for (const w of finished) counts[disciplineOf(w)] = (counts[disciplineOf(w)] ?? 0) + 1;
  const cycling = counts.cycling ?? 0;
  const others = finished.length - cycling;
  const contract = (type: string, display: string, created: number): Record<string, unknown> => ({
    contract_type: type,
    contract_id: '',
    contract_created_at: created,
    bike_contract_url: `${ASSET_HOST}/contracts/en-us/${type}_${created}.html`,
    tread_contract_url: `${ASSET_HOST}/contracts/en-us/${type}_${created}.html`,
    agreed_at: firstWorkout - 86_400,
    contract_display_name: display,
  });
  return {
    location: rng.pick(TOWNS),
    total_pending_followers: 0,
    created_at: firstWorkout - 30 * 86_400,
    customized_max_heart_rate: MAX_HEART_RATE,
    cycling_ftp_source: rider.cyclingFtpSource,
    subscription_credits_used: 0,
    name: `${first} ${last}`,
    default_heart_rate_zones: heartRateZoneBounds(MAX_HEART_RATE),
    contract_agreements: [
      contract('privacy_policy', 'Privacy Policy', 1_600_000_000),
      contract('subscription_terms', 'Membership Terms', 1_598_000_000),
      contract('terms_of_service', 'Terms of Service', 1_600_100_000),
    ],
    phone_number: '',
    is_fitbit_authenticated: false,
    facebook_access_token: '',
    cycling_ftp_workout_id: rider.cyclingFtpWorkoutId,
    email,
    quick_hits: { quick_hits_enabled: true, speed_shortcuts: null, incline_shortcuts: null },
    id: rider.userId,
    is_demo: false,
    last_name: last,
    total_pedaling_metric_workouts: cycling,
    birthday: 0,
    v1_referrals_made: 0,
    username: rider.username,
    obfuscated_email: fakeId(`email:${email}`) + fakeId(`email2:${email}`),
    first_name: first,
    member_groups: [],
    referral_code: fakeId(`referral:${rider.userId}`),
    total_non_pedaling_metric_workouts: others,
    estimated_cycling_ftp: rider.estimatedCyclingFtp,
    cycling_workout_ftp: rider.cyclingWorkoutFtp,
    workout_counts: WORKOUT_COUNT_KINDS.map(([name, slug]) => ({
      name,
      slug,
      count: counts[slug] ?? 0,
      icon_url: `${ASSET_HOST}/workout-count-icons/${(counts[slug] ?? 0) > 0 ? 'nonzero' : 'zero'}-${slug}.png`,
    })),
    gender: '',
    has_signed_waiver: true,
    is_internal_beta_tester: false,
    weight: 160 + rng.int(0, 30),
    height: 64 + rng.int(0, 10),
    paired_devices: [
      { name: `Chest Strap ${rng.int(1000, 9999)}`, paired_device_type: 'heart_rate_monitor', serial_number: String(rng.int(10000, 99999)) },
    ],
    instructor_id: null,
    customized_heart_rate_zones: [],
    can_charge: true,
    created_country: null,
    total_followers: rng.int(0, 80),
    default_max_heart_rate: MAX_HEART_RATE,
    is_complete_profile: true,
    total_following: rng.int(0, 30),
    image_url: assetUrl('profile-images', rider.userId, 'jpg'),
    is_profile_private: false,
    is_provisional: false,
    facebook_id: '',
    block_explicit: false,
    referrals_made: 0,
    is_external_beta_tester: false,
    last_workout_at: lastWorkout,
    is_strava_authenticated: false,
    has_active_device_subscription: true,
    has_active_digital_subscription: false,
    subscription_credits: 0,
    total_workouts: cycling + others,
    cycling_ftp: rider.cyclingFtp,
    middle_initial: '',
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Rides and instructors

const BIO_OPENERS = [
  'grew up racing criteriums in the rain and still rides like the finish line is around the next corner.',
  'came to indoor cycling from distance running and brings a coach\u2019s patience to every interval.',
  'spent a decade as a physiotherapist before trading the clinic for the saddle.',
  'believes a good playlist is half of any training plan, and the other half is showing up.',
] as const;
const QUOTES = ['Steady is fast.', 'Earn the cool-down.', 'Own your numbers.', 'One more minute.'] as const;

/** The `instructor` object joined into a ride, made up from the display name. */
function buildInstructor(name: string): Record<string, unknown> & { id: string; name: string } {
  const rng = rngFor(`instructor:${name}`);
  const [first, ...rest] = name.split(' ');
  const last = rest.join(' ');
  const id = fakeId(`instructor:${name}`);
  const quote = rng.pick(QUOTES);
  const handle = name.replace(/[^A-Za-z]/g, '').toLowerCase();
  return {
    id,
    bio: `${name} ${rng.pick(BIO_OPENERS)} Expect clear cues, honest effort and a little humour on the hard climbs.`,
    short_bio: quote,
    coach_type: 'peloton_coach',
    is_filterable: true,
    is_instructor_group: false,
    is_visible: true,
    is_announced: true,
    list_order: rng.int(1, 60),
    featured_profile: true,
    film_link: '',
    facebook_fan_page: '',
    music_bio: `A sample of ${first}\u2019s current class playlist.`,
    spotify_playlist_uri: `spotify:user:fake:playlist:${fakeId(`playlist:${name}`).slice(0, 22)}`,
    background: `${first} builds classes around power zones and cadence drills, with room to breathe between efforts.`,
    ordered_q_and_as: [
      ['How do you motivate?\r\n', 'Small wins, stacked every day, add up to the big ones.'],
      ['Outside of class\r\n', 'Trail running, sourdough baking and very long bike tours.'],
      ['', ''],
    ],
    instagram_profile: '',
    strava_profile: '',
    twitter_profile: '',
    quote,
    username: handle,
    name,
    first_name: first,
    last_name: last,
    user_id: fakeId(`instructor-user:${name}`),
    life_style_image_url: assetUrl('instructor-images', `${name}:life`),
    bike_instructor_list_display_image_url: null,
    web_instructor_list_display_image_url: assetUrl('instructor-images', `${name}:web`),
    ios_instructor_list_display_image_url: assetUrl('instructor-images', `${name}:ios`),
    about_image_url: assetUrl('instructor-images', `${name}:about`),
    image_url: assetUrl('instructor-images', `${name}:image`),
    jumbotron_url: null,
    jumbotron_url_dark: assetUrl('instructor-images', `${name}:dark`),
    jumbotron_url_ios: assetUrl('instructor-images', `${name}:jumbo-ios`),
    web_instructor_list_gif_image_url: null,
    instructor_hero_image_url: assetUrl('instructor-images', `${name}:hero`),
    workout_share_images: ['cycling', 'bike_bootcamp', 'strength', 'stretching'].map((d) => ({
      fitness_discipline: d,
      image_url: assetUrl('workout-share-images', `${name}:${d}`),
    })),
    fitness_disciplines: ['cycling'],
  };
}

/**
 * The ride (class) of a workout, with its instructor joined unless `withInstructor` is false (a list joined with
 * `joins=ride` only). Its `id` is {@link rideIdOf} the workout; `fitness_discipline` is the workout's.
 */
function buildRide(w: FakeWorkout, withInstructor = true): RidePayload {
  // A class of its own is seeded by the workout (as before shared classes existed); a shared class by its id.
  const rng = rngFor(w.rideId === undefined ? `ride:${w.id}` : `ride:${w.rideId}`);
  const id = rideIdOf(w);
  const duration = durationOf(w);
  const isTest = isFtpTestClass(w);
  const instructorId = w.instructor === null ? null : fakeId(`instructor:${w.instructor}`);
  // A shared class aired once, before 2020 (the datasets that share classes ride them later).
  const airTime = (w.rideId === undefined ? w.createdAt : noonUtc(2019, 12, 30)) - rng.int(2, 400) * 86_400;
  const language = w.language ?? 'english';
  const difficulty = round2(isTest ? 8.5 + rng.next() : 5 + rng.next() * 3);
  const discipline = disciplineOf(w);
  const cycling = discipline === 'cycling';
  const rideType = fakeId(`ride-type:${isTest || /power zone|FTP/i.test(w.title) ? 'power-zone' : discipline}`);
  return {
    class_type_ids: [rideType],
    content_provider: 'peloton',
    content_format: 'video',
    description: isTest
      ? TEST_DESCRIPTIONS[language]
      : cycling
        ? 'Intervals across the power zones with recoveries in between, built to raise your aerobic ceiling.'
        : 'A steady class with clear cues from start to finish, paced for every level.',
    difficulty_estimate: difficulty,
    overall_estimate: round2(0.95 + rng.next() * 0.04),
    difficulty_rating_avg: difficulty,
    difficulty_rating_count: rng.int(500, 20000),
    difficulty_level: null,
    duration,
    equipment_ids: [],
    equipment_tags: [],
    extra_images: [],
    fitness_discipline: discipline,
    fitness_discipline_display_name: DISCIPLINES[discipline].display,
    has_closed_captions: true,
    has_pedaling_metrics: cycling,
    home_peloton_id: fakeId(`home:${id}`),
    id,
    image_url: assetUrl('ride-images', id),
    instructor_id: instructorId,
    individual_instructor_ids: [],
    is_archived: true,
    is_closed_caption_shown: true,
    is_explicit: false,
    has_free_mode: false,
    is_live_in_studio_only: false,
    language,
    origin_locale: LOCALES[language],
    length: duration + rng.int(60, 240),
    live_stream_id: `${id}-live`,
    live_stream_url: null,
    location: 'studio-1',
    metrics: cycling ? ['heart_rate', 'cadence', 'calories'] : ['heart_rate', 'calories'],
    original_air_time: airTime,
    overall_rating_avg: round2(0.95 + rng.next() * 0.04),
    overall_rating_count: rng.int(300, 15000),
    pedaling_start_offset: cycling ? 60 : 0,
    pedaling_end_offset: cycling ? 60 + duration : 0,
    pedaling_duration: cycling ? duration : 0,
    rating: 0,
    ride_type_id: rideType,
    ride_type_ids: [rideType],
    sample_vod_stream_url: null,
    scheduled_start_time: airTime,
    series_id: fakeId(`series:${w.title}`),
    sold_out: false,
    studio_peloton_id: fakeId(`studio:${id}`),
    title: w.title,
    total_ratings: 0,
    total_in_progress_workouts: rng.int(0, 50),
    total_workouts: rng.int(1000, 90000),
    vod_stream_url: null,
    vod_stream_id: `${id}-vod`,
    captions: ['en-US', 'es-ES'],
    join_tokens: { on_demand: Buffer.from(JSON.stringify({ ride_id: id, start_time: null })).toString('base64') },
    flags: [],
    is_dynamic_video_eligible: false,
    is_fixed_distance: false,
    dynamic_video_recorded_speed_in_mph: 0,
    thumbnail_title: null,
    thumbnail_location: null,
    distance: null,
    distance_unit: null,
    distance_display_value: null,
    excluded_platforms: [],
    ...(withInstructor ? { instructor: w.instructor === null ? null : buildInstructor(w.instructor) } : {}),
  };
}

/** The id of the class (ride) a workout was taken in: its `rideId`, else a class of its own derived from its id. */
export function rideIdOf(w: FakeWorkout): string {
  return w.rideId ?? fakeId(`ride:${w.id}`);
}

// ---------------------------------------------------------------------------------------------------------------
// Workouts

/** Which objects a workouts list joins into each item: none, `joins=ride`, or `joins=ride,ride.instructor`. */
export type ListJoin = 'none' | 'ride' | 'ride+instructor';

/**
 * The workout as the workouts list shows it (the recorded page's fields); `join` 'ride' adds the class as `ride`,
 * 'ride+instructor' adds its instructor too. An IN_PROGRESS workout has `end_time` null.
 */
function buildWorkoutListItem(rider: FakeRider, w: FakeWorkout, join: ListJoin = 'none'): WorkoutListItemPayload {
  const rng = rngFor(`workout:${w.id}`);
  const duration = durationOf(w);
  const start = w.createdAt + 60;
  const discipline = disciplineOf(w);
  const kind = DISCIPLINES[discipline];
  const item: WorkoutListItemPayload = {
    created_at: w.createdAt,
    device_type: kind.device,
    end_time: isComplete(w) ? start + duration : null,
    fitbit_id: null,
    fitness_discipline: discipline,
    has_pedaling_metrics: discipline === 'cycling',
    has_leaderboard_metrics: discipline === 'cycling' || discipline === 'running',
    id: w.id,
    is_total_work_personal_record: false,
    metrics_type: discipline,
    name: kind.name,
    peloton_id: fakeId(`peloton:${w.id}`),
    platform: kind.platform,
    start_time: start,
    strava_id: null,
    status: w.status ?? 'COMPLETE',
    timezone: (w.zone ?? HOME_ZONE).name,
    title: null,
    total_work: w.avgOutput === null ? 0 : round2(w.avgOutput * duration + rng.next()),
    user_id: rider.userId,
    workout_type: 'class',
    total_video_watch_time_seconds: duration + rng.int(10, 90),
    total_video_buffering_seconds: 0,
    v2_total_video_watch_time_seconds: null,
    v2_total_video_buffering_seconds: null,
    created: w.createdAt,
    device_time_created_at: deviceTimeOf(w),
    effort_zones: null,
  };
  if (join !== 'none') item.ride = buildRide(w, join === 'ride+instructor');
  return item;
}

/**
 * GET /api/workout/{id}: the Workout object with `ride` (title, instructor, duration …) joined and `ftp_info`
 * (baseline FTP in watts, its source, the FTP test that set it). created_at/start_time/end_time are Unix seconds.
 */
export function buildWorkout(rider: FakeRider, w: FakeWorkout): WorkoutPayload {
  const rng = rngFor(`workout-detail:${w.id}`);
  const duration = durationOf(w);
  // The list item's fields, in the list's order, then the detail's own; the list-only effort_zones is dropped.
  const { effort_zones: _listOnly, ...base } = buildWorkoutListItem(rider, w);
  const totalUsers = rng.int(5000, 80000);
  return {
    ...base,
    v2_total_video_watch_time_seconds: duration + rng.int(30, 120),
    v2_total_video_buffering_seconds: 0,
    total_music_audio_play_seconds: null,
    total_music_audio_buffer_seconds: null,
    ride: buildRide(w),
    is_skip_intro_available: true,
    total_heart_rate_zone_durations: null,
    average_effort_score: null,
    achievement_templates: [
      {
        id: fakeId('achievement:streak'),
        name: 'Weekly Streak',
        slug: 'weekly_streak',
        image_url: assetUrl('achievement-images', 'weekly_streak'),
        description: 'Awarded for working out at least once a week, several weeks running.',
      },
    ],
    leaderboard_rank: isComplete(w) ? rng.int(1, totalUsers) : null,
    total_leaderboard_users: totalUsers,
    ftp_info: { ftp: w.ftpInfo.ftp, ftp_source: w.ftpInfo.source, ftp_workout_id: w.ftpInfo.workoutId },
    device_type_display_name: 'Bike',
    // An unfinished workout's pause state, as the IN_PROGRESS recording shows it (harvest/bburwell-in-progress).
    ...(isComplete(w) ? {} : { pause_time_remaining: null, pause_time_elapsed: null, is_paused: false, has_paused: false, is_pause_available: false }),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Performance graph

const mean = (xs: readonly number[]): number => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);

/**
 * GET /api/workout/{id}/performance_graph: `duration` (s), `segment_list`, `seconds_since_pedaling_start`, per-sample
 * `metrics` (output W, cadence rpm, resistance %, speed mph, heart rate bpm with zones), `average_summaries` and
 * `summaries`, `effort_zones` and the rest, built from the workout's 1-second series (series.ts).
 * - `avg_output` (and the output metric's `average_value`) is the workout's `avgOutput`, which is round(mean) of the
 *   1-second output; `total_output` is its sum in kJ, rounded. Without `avgOutput` both the summary and the output
 *   metric are left out (an app ride without a power meter).
 * - `sampleEvery` (the `every_n` query, a whole number ≥ 1; default 1: a 20-minute test has 1200 samples, about
 *   35 KB of JSON) sets the samples: see {@link sampleLabels} and {@link sampleValues}; `labels` where they sit.
 * - `max_value` and `average_value` of every metric come from the 1-second series, whatever `every_n` is.
 */
export function buildPerformanceGraph(w: FakeWorkout, sampleEvery = 1, labels: SampleLabels = 'window-end', seconds: SecondSeries = secondSeriesOf(w)): PerformanceGraphPayload {
  const { duration, output, cadence, resistance, speed, heartRate } = seconds;
  const n = Math.max(1, Math.floor(sampleEvery));
  const segments = segmentsFor(w, duration);
  const times = sampleLabels(duration, n, labels);

  const avgPower = w.avgOutput;
  const avgCadence = Math.round(mean(cadence));
  const avgResistance = Math.round(mean(resistance));
  const avgSpeed = round1(mean(speed));
  const miles = round2((mean(speed) * duration) / 3600);
  const kj = output === null ? 0 : Math.round(output.reduce((a, b) => a + b, 0) / 1000);
  const calories = Math.round(output === null ? (avgCadence + avgResistance) * duration * 0.004 : kj * 1.34);

  const bounds = heartRateZoneBounds(MAX_HEART_RATE).map(Math.round);
  const zoneDurations = [0, 0, 0, 0, 0];
  for (const b of heartRate) {
    let z = 0;
    while (z < 4 && b >= bounds[z + 1]) z++;
    zoneDurations[z]++;
  }
  const zones = zoneDurations.map((d, i) => ({
    display_name: `Zone ${i + 1}`,
    slug: `zone${i + 1}`,
    range: i === 0 ? `<${bounds[1]} bpm` : i === 4 ? `>=${bounds[4]} bpm` : `${bounds[i]}-${bounds[i + 1] - 1} bpm`,
    duration: d,
    max_value: i === 4 ? MAX_HEART_RATE + 6 : bounds[i + 1] - 1,
    min_value: bounds[i],
  }));

  const series = (display_name: string, display_unit: string, slug: string, values: number[], digits = 0): MetricSeries => ({
    display_name,
    display_unit,
    max_value: Math.max(...values),
    average_value: digits === 0 ? Math.round(mean(values)) : round1(mean(values)),
    values: sampleValues(values, times, digits),
    slug,
  });

  const metrics: MetricSeries[] = [];
  if (output !== null && avgPower !== null) metrics.push({ ...series('Output', 'watts', 'output', output), average_value: avgPower });
  metrics.push(series('Cadence', 'rpm', 'cadence', cadence));
  metrics.push(series('Resistance', '%', 'resistance', resistance));
  metrics.push(series('Speed', 'mph', 'speed', speed, 1));
  metrics.push({ ...series('Heart Rate', 'bpm', 'heart_rate', heartRate), zones, missing_data_duration: 0 });

  const averageSummaries: SummaryItem[] = [];
  if (avgPower !== null) averageSummaries.push({ display_name: 'Avg Output', display_unit: 'watts', value: avgPower, slug: 'avg_output' });
  averageSummaries.push(
    { display_name: 'Avg Cadence', display_unit: 'rpm', value: avgCadence, slug: 'avg_cadence' },
    { display_name: 'Avg Resistance', display_unit: '%', value: avgResistance, slug: 'avg_resistance' },
    { display_name: 'Avg Speed', display_unit: 'mph', value: avgSpeed, slug: 'avg_speed' },
  );
  const summaries: SummaryItem[] = [];
  if (avgPower !== null) summaries.push({ display_name: 'Total Output', display_unit: 'kj', value: kj, slug: 'total_output' });
  summaries.push(
    { display_name: 'Distance', display_unit: 'mi', value: miles, slug: 'distance' },
    { display_name: 'Calories', display_unit: 'kcal', value: calories, slug: 'calories' },
  );

  return {
    duration,
    is_class_plan_shown: true,
    segment_list: segments.map((s) => ({
      id: fakeId(`segment:${w.id}:${s.start}`),
      length: s.length,
      start_time_offset: s.start,
      icon_url: `${ASSET_HOST}/segment-icons/${s.slug}.png`,
      intensity_in_mets: s.mets,
      metrics_type: 'cycling',
      icon_name: s.slug,
      icon_slug: s.slug,
      name: s.name,
    })),
    seconds_since_pedaling_start: times,
    average_summaries: averageSummaries,
    summaries,
    metrics,
    has_apple_watch_metrics: false,
    location_data: [],
    is_location_data_accurate: null,
    splits_data: {},
    target_metrics_performance_data: { target_metrics: [], time_in_metric: [] },
    effort_zones: {
      total_effort_points: round1(zoneDurations.reduce((a, d, i) => a + (d / 60) * (i + 1) * 0.12, 0)),
      heart_rate_zone_durations: {
        heart_rate_z1_duration: zoneDurations[0],
        heart_rate_z2_duration: zoneDurations[1],
        heart_rate_z3_duration: zoneDurations[2],
        heart_rate_z4_duration: zoneDurations[3],
        heart_rate_z5_duration: zoneDurations[4],
      },
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// GET /api/user/{id}/workouts

/** Options of {@link buildWorkoutsPage}. */
interface WorkoutsPageOptions {
  /** What to join into each item (`joins=ride` → 'ride', `joins=ride,ride.instructor` → 'ride+instructor'). Default 'none'. */
  join?: ListJoin;
  /**
   * Repeat the last `overlap` items of the previous page at the start of each later page (what clients see when a
   * new workout lands between two page requests). Default 0. Such a page holds up to limit + overlap items and
   * `count` is the length of `data`; nothing is skipped, so de-duplicating by id gives every workout once.
   */
  overlap?: number;
  /** The list's order; default the rider's `listOrder`, else 'created_at'. */
  order?: ListOrder;
}

/** `summary` of a workouts page: how many workouts each month of the rider's local clock holds ('YYYY-MM'). */
function monthSummary(workouts: FakeWorkout[]): Record<string, number> {
  const summary: Record<string, number> = {};
  for (const w of workouts) {
    const month = new Date(deviceTimeOf(w) * 1000).toISOString().slice(0, 7);
    summary[month] = (summary[month] ?? 0) + 1;
  }
  return summary;
}

/**
 * One page of GET /api/user/{id}/workouts, newest first by `options.order`: `sort_by` '-created_at,-pk', or
 * '-device_time_created_at,-pk' when sorted by the rider's local clock (then a workout can be listed after an older
 * one: see {@link newestFirst}); pages start at 0.
 * `limit` is cut to {@link MAX_PAGE_LIMIT} (100) as Peloton does, and the answer's `limit` says so. `total` is the
 * number of workouts in the list (IN_PROGRESS ones included), `page_count` = ceil(total / limit), `count` the items
 * on this page, `show_next` whether a later page exists. A page past the end is empty.
 */
export function buildWorkoutsPage(rider: FakeRider, page: number, limit: number, options: WorkoutsPageOptions = {}): WorkoutsPagePayload {
  const order = options.order ?? rider.listOrder ?? 'created_at';
  const all = newestFirst(rider, order);
  const size = Math.min(MAX_PAGE_LIMIT, Math.max(1, Math.floor(limit)));
  const overlap = page > 0 ? Math.max(0, Math.min(options.overlap ?? 0, size)) : 0;
  const slice = page < 0 ? [] : all.slice(page * size - overlap, page * size + size);
  const pageCount = Math.ceil(all.length / size);
  const showNext = page >= 0 && page < pageCount - 1;
  const last = slice[slice.length - 1];
  return {
    data: slice.map((w) => buildWorkoutListItem(rider, w, options.join ?? 'none')),
    limit: size,
    page,
    total: all.length,
    count: slice.length,
    page_count: pageCount,
    show_previous: page > 0,
    show_next: showNext,
    sort_by: order === 'created_at' ? '-created_at,-pk' : '-device_time_created_at,-pk',
    summary: monthSummary(all),
    aggregate_stats: [],
    ...(showNext && last ? { next: { created_at: last.createdAt, workout_id: last.id } } : {}),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// GET /api/ride/{id}/details

/** GET /api/ride/{ride_id}/details for the class of workout `w` (the fields a client reads: `ride`, `is_ftp_test`). */
export function buildRideDetails(w: FakeWorkout): Record<string, unknown> & { ride: RidePayload; is_ftp_test: boolean } {
  const ride = buildRide(w);
  return {
    ride,
    playlist: null,
    averages: {},
    segments: { segment_list: segmentsFor(w, durationOf(w)).map((s) => ({ name: s.name, length: s.length, start_time_offset: s.start })) },
    default_album_images: {},
    excluded_platforms: [],
    is_ftp_test: isFtpTestClass(w),
    disabled_leaderboard_filters: {},
    sampled_top_tags: [],
    instructor_cues: [],
    target_class_metrics: {},
    events: [],
  };
}
