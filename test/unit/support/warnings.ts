/**
 * Warnings of every kind, each with the English sentence the domain wrote for it while warnings were stored as
 * sentences (store schemas 1 and 2; copied from that release's src/peloton/ftp/chain.ts and historyBuilder.ts) and
 * its German from l10n/bundle.l10n.de.json. Typed by kind, so a new kind does not compile until it has samples here.
 */
import type { FtpWarning } from '../../../src/peloton/ftp/model';

/** A Peloton workout id (32 hex digits, as GET /api/workout/{id} takes). */
export const WORKOUT = 'f0a1b2c3d4e5f60718293a4b5c6d7e8f';

interface Sample<K extends FtpWarning['kind']> {
  warning: Extract<FtpWarning, { kind: K }>;
  english: string;
  german: string;
}

export const WARNING_SAMPLES: { [K in FtpWarning['kind']]: Array<Sample<K>> } = {
  'no-ftp-test': [
    {
      warning: { kind: 'no-ftp-test' },
      english: 'Peloton names no FTP test for this account (cycling_ftp_workout_id is empty).',
      german: 'Peloton nennt für dieses Konto keinen FTP-Test (cycling_ftp_workout_id ist leer).',
    },
  ],
  'chain-cycle': [
    {
      warning: { kind: 'chain-cycle', workoutId: WORKOUT },
      english: `The chain points back to workout ${WORKOUT}, already listed: stopped there.`,
      german: `Die Kette verweist zurück auf das Workout ${WORKOUT}, das schon aufgeführt ist: dort angehalten.`,
    },
  ],
  'chain-limit': [
    {
      warning: { kind: 'chain-limit', maxTests: 50 },
      english: 'Stopped after 50 FTP tests; older tests were not fetched (setting pelotonFtp.maxChainLength).',
      german: 'Nach 50 FTP-Tests angehalten; ältere Tests wurden nicht abgerufen (Einstellung pelotonFtp.maxChainLength).',
    },
  ],
  'chain-missing': [
    {
      warning: { kind: 'chain-missing', workoutId: WORKOUT },
      english: `Workout ${WORKOUT} was not found (404): the history ends there.`,
      german: `Das Workout ${WORKOUT} wurde nicht gefunden (404): Der Verlauf endet dort.`,
    },
  ],
  'listed-test-missing': [
    {
      warning: { kind: 'listed-test-missing', workoutId: WORKOUT },
      english: `Workout ${WORKOUT}, an FTP test in your workout list, was not found (404): not shown.`,
      german: `Das Workout ${WORKOUT}, ein FTP-Test in deiner Workout-Liste, wurde nicht gefunden (404): nicht angezeigt.`,
    },
  ],
  'no-graph': [
    {
      warning: { kind: 'no-graph', workoutId: WORKOUT },
      english: `No performance graph for workout ${WORKOUT} (404).`,
      german: `Kein Leistungsdiagramm für das Workout ${WORKOUT} (404).`,
    },
  ],
  'no-avg-output': [
    {
      warning: { kind: 'no-avg-output', workoutId: WORKOUT },
      english: `No average output in the performance graph of workout ${WORKOUT}.`,
      german: `Keine Durchschnittsleistung im Leistungsdiagramm des Workouts ${WORKOUT}.`,
    },
  ],
  'unreadable-graph': [
    {
      warning: { kind: 'unreadable-graph', workoutId: WORKOUT, path: 'summaries.0.value' },
      english: `The performance graph of workout ${WORKOUT} could not be read (summaries.0.value).`,
      german: `Das Leistungsdiagramm des Workouts ${WORKOUT} konnte nicht gelesen werden (summaries.0.value).`,
    },
    {
      warning: { kind: 'unreadable-graph', workoutId: WORKOUT, path: null },
      english: `The performance graph of workout ${WORKOUT} could not be read (not JSON).`,
      german: `Das Leistungsdiagramm des Workouts ${WORKOUT} konnte nicht gelesen werden (not JSON).`,
    },
  ],
  'baseline-no-source': [
    {
      warning: { kind: 'baseline-no-source', workoutId: WORKOUT, rawBaseline: 150 },
      english: `Workout ${WORKOUT} has a baseline of 150 W with no source: not shown.`,
      german: `Das Workout ${WORKOUT} hat eine Ausgangs-FTP von 150 W ohne Quelle: nicht angezeigt.`,
    },
  ],
  'baseline-unknown-source': [
    {
      warning: { kind: 'baseline-unknown-source', workoutId: WORKOUT, rawBaseline: 157.5, source: 'ftp_coach_source' },
      english: `Workout ${WORKOUT} has a baseline of 157.5 W with an unknown source "ftp_coach_source": not shown.`,
      german: `Das Workout ${WORKOUT} hat eine Ausgangs-FTP von 157.5 W mit der unbekannten Quelle „ftp_coach_source“: nicht angezeigt.`,
    },
  ],
  legacy: [
    {
      warning: { kind: 'legacy', text: 'A sentence no release of the domain wrote.' },
      english: 'A sentence no release of the domain wrote.',
      german: 'A sentence no release of the domain wrote.',
    },
  ],
};

/** Every sample, kind by kind. */
export const ALL_WARNING_SAMPLES: ReadonlyArray<{ warning: FtpWarning; english: string; german: string }> = Object.values(WARNING_SAMPLES).flat();
