/**
 * FTP tests in any wording, as the fake serves them: German and Spanish test classes and an "FTP Builder" class that
 * the English title rule cannot decide, each answering GET /api/ride/{ride_id}/details with a top-level
 * `is_ftp_test`, and the count of those requests per class. Datasets `multilingual` and `demo-multilingual`.
 */
import assert from 'node:assert/strict';
import { isFtpTestTitle as englishTitleRule } from '../../../src/peloton/ftp/testRule';
import { isFtpTestClass, type FakeRider } from '../../fakePeloton/dataset';
import { demo, getDataset } from '../../fakePeloton/datasets';
import { rideIdOf } from '../../fakePeloton/builder';
import { startFakePeloton, type FakePeloton } from '../../fakePeloton/server';
import { type Json, get, getJson } from './requests';

/** The top-level fields of a recorded GET /api/ride/{id}/details (shared/fixtures/peloton-recorded/weissleb-ride-details.json). */
const RIDE_DETAILS_FIELDS = ['ride', 'playlist', 'averages', 'segments', 'default_album_images', 'excluded_platforms', 'is_ftp_test', 'disabled_leaderboard_filters', 'sampled_top_tags', 'instructor_cues', 'target_class_metrics', 'events'];

/** A title the English rule leaves undecided: it mentions FTP, and the rule calls it neither a test nor a warm-up. */
const undecided = (title: string): boolean => /ftp/i.test(title) && !englishTitleRule(title) && !/\bwarm[\s-]*up\b/i.test(title);

/** The rider's tests newest first, as [date, avg output, title]. */
const testRows = (rider: FakeRider) =>
  rider.workouts
    .filter(isFtpTestClass)
    .sort((a, b) => b.createdAt - a.createdAt)
    .map((t) => [new Date(t.createdAt * 1000).toISOString().slice(0, 10), t.avgOutput, t.ftpInfo.ftp]);

describe('FTP tests in any wording (fake Peloton)', () => {
  let fake: FakePeloton;
  afterEach(() => fake?.close());

  it('multilingual: 4 tests, of which the English title rule finds 1; the German, Spanish and FTP Builder classes are undecided by it', () => {
    const rider = getDataset('multilingual');
    const tests = rider.workouts.filter(isFtpTestClass);
    assert.equal(tests.length, 4);
    assert.deepEqual(tests.filter((t) => englishTitleRule(t.title)).map((t) => t.title), ['20 min FTP Test Ride']);
    const titles = new Set(rider.workouts.filter((w) => undecided(w.title)).map((w) => w.title));
    assert.deepEqual([...titles].sort(), ['10 Min. FTP-Aufwärmfahrt', '20 Min. FTP-Test', '30 min FTP Builder Ride', 'Calentamiento FTP de 10 min', 'Prueba FTP de 20 min']);
    assert.equal(rider.cyclingFtpWorkoutId, tests.sort((a, b) => b.createdAt - a.createdAt)[0].id);
  });

  it('every listed class answers GET /api/ride/{id}/details with the recorded fields and the right is_ftp_test; the joined ride says its language', async () => {
    fake = await startFakePeloton({ rider: getDataset('multilingual') });
    const { data } = await getJson<{ data: Json[] }>(fake, `/api/user/${fake.rider.userId}/workouts?joins=ride&limit=100&page=0`);
    const seen = new Map<string, boolean>();
    for (const item of data) {
      const ride = item.ride as Json;
      const details = await getJson(fake, `/api/ride/${ride.id as string}/details`);
      assert.deepEqual(Object.keys(details), RIDE_DETAILS_FIELDS);
      assert.equal((details.ride as Json).id, ride.id);
      seen.set(ride.title as string, details.is_ftp_test as boolean);
    }
    assert.deepEqual(
      [...seen].filter(([title]) => /ftp/i.test(title)).sort(),
      [
        ['10 Min. FTP-Aufwärmfahrt', false],
        ['10 min FTP Warm Up Ride', false],
        ['20 Min. FTP-Test', true],
        ['20 min FTP Test Ride', true],
        ['30 min FTP Builder Ride', false],
        ['Calentamiento FTP de 10 min', false],
        ['Prueba FTP de 20 min', true],
      ],
    );
    const language = (title: string) => {
      const ride = data.map((w) => w.ride as Json).find((r) => r.title === title)!;
      return [ride.language, ride.origin_locale];
    };
    assert.deepEqual(language('20 Min. FTP-Test'), ['german', 'de-DE']);
    assert.deepEqual(language('Prueba FTP de 20 min'), ['spanish', 'es-ES']);
    assert.deepEqual(language('20 min FTP Test Ride'), ['english', 'en-US']);
  });

  it('the FTP Builder class was ridden twice: two workouts, one class id', async () => {
    fake = await startFakePeloton({ rider: getDataset('multilingual') });
    const { data } = await getJson<{ data: Json[] }>(fake, `/api/user/${fake.rider.userId}/workouts?joins=ride&limit=100&page=0`);
    const builders = data.filter((w) => (w.ride as Json).title === '30 min FTP Builder Ride');
    assert.equal(builders.length, 2);
    assert.notEqual(builders[0].id, builders[1].id);
    assert.equal((builders[0].ride as Json).id, (builders[1].ride as Json).id);
  });

  it('counts GET /api/ride/{id}/details per class (401s included), and resetCounts does not forget them', async () => {
    fake = await startFakePeloton({ rider: getDataset('multilingual') });
    const [german, spanish] = ['20 Min. FTP-Test', 'Prueba FTP de 20 min'].map((title) => rideIdOf(fake.rider.workouts.find((w) => w.title === title)!));
    assert.equal(fake.rideDetailsCount(german), 0);
    await getJson(fake, `/api/ride/${german}/details`);
    fake.resetCounts();
    await getJson(fake, `/api/ride/${german}/details`);
    await getJson(fake, `/api/ride/${spanish}/details`);
    assert.equal((await get(fake, `/api/ride/${spanish}/details`, null)).status, 401);
    assert.equal(fake.rideDetailsCount(german), 2);
    assert.deepEqual([...fake.rideDetailsCounts()], [[german, 2], [spanish, 2]]);
  });

  it('demo-multilingual: the demo\'s 8 tests and results, two of them in German and Spanish, plus the FTP Builder class; the plain demo stays English', () => {
    const plain = demo();
    const multi = getDataset('demo-multilingual');
    assert.deepEqual(testRows(multi), testRows(plain));
    const foreign = multi.workouts.filter((w) => isFtpTestClass(w) && !englishTitleRule(w.title));
    assert.deepEqual(foreign.map((t) => [new Date(t.createdAt * 1000).toISOString().slice(0, 10), t.title, t.language]), [
      ['2022-10-05', '20 Min. FTP-Test', 'german'],
      ['2024-11-13', 'Prueba FTP de 20 min', 'spanish'],
    ]);
    assert.equal(new Set(multi.workouts.filter((w) => w.title === '30 min FTP Builder Ride').map(rideIdOf)).size, 1);
    assert.deepEqual(plain.workouts.filter((w) => undecided(w.title)), []);
    assert.equal(plain.workouts.filter(isFtpTestClass).length, 8);
    assert.deepEqual([multi.cyclingFtp, multi.cyclingFtpSource, multi.cyclingFtpWorkoutId], [plain.cyclingFtp, plain.cyclingFtpSource, plain.cyclingFtpWorkoutId]);
  });
});
