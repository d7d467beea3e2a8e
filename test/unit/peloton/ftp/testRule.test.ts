import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ABANDONED_AFTER_SECONDS, isFtpTestTitle, listedKind, titleKind } from '../../../../src/peloton/ftp/testRule';
import { recordedJson } from '../../support/recorded';

describe('the FTP test rule (class title)', () => {
  // Titles as Peloton writes them (PELOTON_API.md "Finding every FTP test"; the fake's datasets use the same).
  const tests = ['20 min FTP Test Ride', 'FTP Test Ride', '20 Min FTP Test Ride', '20 min ftp test ride', '20 min FTP Test Ride ', '20 min FTP-Test Ride'];
  const notTests = [
    '10 min FTP Warm Up Ride',
    '10 min FTP Warmup Ride',
    '10 min FTP Warm-Up Ride',
    '10 min FTP Test Warm Up Ride',
    '45 min Power Zone Endurance Ride',
    '30 min Power Zone Max Ride',
    '20 min FTP Builder Ride',
    '20 min Full Body Strength',
    'Just Ride',
    '',
  ];
  for (const title of tests) it(`"${title}" is an FTP test`, () => assert.equal(isFtpTestTitle(title), true));
  for (const title of notTests) it(`"${title}" is not`, () => assert.equal(isFtpTestTitle(title), false));
  it('no title (no joined class) is not a test', () => {
    assert.equal(isFtpTestTitle(null), false);
    assert.equal(isFtpTestTitle(undefined), false);
  });

  it('property: any title that mentions a warm-up is never a test', () => {
    fc.assert(
      fc.property(fc.string(), fc.constantFrom('Warm Up', 'warmup', 'WARM-UP', 'Warm  up'), fc.string(), (before, warm, after) => {
        assert.equal(isFtpTestTitle(`${before} ${warm} ${after} FTP Test Ride`), false);
      }),
    );
  });

  it('property: "<anything> FTP Test Ride" without a warm-up is a test', () => {
    fc.assert(
      fc.property(fc.string().filter((s) => !/warm/i.test(s)), (prefix) => {
        assert.equal(isFtpTestTitle(`${prefix} FTP Test Ride`), true);
      }),
    );
  });
});

describe('listedKind (status and title of a listed workout)', () => {
  const ride = { title: '20 min FTP Test Ride' };
  it('a COMPLETE test is a result', () => assert.equal(listedKind({ status: 'COMPLETE', ride }), 'test'));
  it('an IN_PROGRESS test is pending: not a result yet', () => assert.equal(listedKind({ status: 'IN_PROGRESS', ride }), 'pending-test'));
  it('another status, or none, is not a result', () => {
    assert.equal(listedKind({ status: 'PAUSED', ride }), 'other');
    assert.equal(listedKind({ ride }), 'other');
  });
  it('a warm-up, another class or no class is other, whatever the status', () => {
    assert.equal(listedKind({ status: 'COMPLETE', ride: { title: '10 min FTP Warm Up Ride' } }), 'other');
    assert.equal(listedKind({ status: 'IN_PROGRESS', ride: { title: '10 min FTP Warmup Ride' } }), 'other');
    assert.equal(listedKind({ status: 'COMPLETE', ride: null }), 'other');
  });
  it('the recorded workouts page (no join) holds no test', () => {
    const page = recordedJson('weissleb-user-workouts.page.json') as { data: Array<{ status: string }> };
    assert.ok(page.data.length > 0);
    for (const w of page.data) assert.equal(listedKind(w), 'other');
  });
});

describe('titleKind (what the title alone says)', () => {
  it('the recorded titles (harvest/titles.json): only "20 min FTP Test Ride" is a test, both warm-up spellings are warm-ups, none is asked about', () => {
    const recorded = recordedJson('harvest/titles.json') as unknown as Array<{ title: string; expectTest: boolean }>;
    const strings = [...new Set(recorded.map((t) => t.title))];
    assert.ok(strings.length >= 20, `${strings.length} titles`);
    for (const { title, expectTest } of recorded) assert.equal(titleKind(title) === 'test', expectTest, title);
    const byKind = new Map<string, string[]>();
    for (const title of strings) byKind.set(titleKind(title), [...(byKind.get(titleKind(title)) ?? []), title]);
    assert.deepEqual(byKind.get('test'), ['20 min FTP Test Ride']);
    assert.deepEqual(byKind.get('warm-up')?.sort(), ['10 min FTP Warm Up Ride', '10 min FTP Warmup Ride']);
    assert.equal(byKind.get('ask'), undefined, 'no recorded title needs a lookup');
  });

  it('a title that mentions FTP but is neither a test nor a warm-up by the rule: ask Peloton', () => {
    for (const title of ['20 Min. FTP-Test', 'Prueba FTP de 20 min', '30 min FTP Builder Ride', 'ftp challenge', '20 min FTP Test', 'FTP']) {
      assert.equal(titleKind(title), 'ask', title);
    }
  });

  it('warm-ups in any spelling, and titles without FTP as a word', () => {
    assert.equal(titleKind('15 minutes FTP Warmup Ride'), 'warm-up');
    assert.equal(titleKind('10 min FTP Warm-Up Ride'), 'warm-up');
    for (const title of ['45 min Power Zone Ride', 'Softplay Ride', 'Just Ride', '', null, undefined]) assert.equal(titleKind(title), 'other', String(title));
  });

  it('property: a test by the rule is never asked about; a title without "ftp" is never asked about', () => {
    fc.assert(
      fc.property(fc.string(), (title) => {
        if (isFtpTestTitle(title)) assert.equal(titleKind(title), 'test');
        if (!/ftp/i.test(title)) assert.equal(titleKind(title), 'other');
      }),
    );
  });
});

describe('listedKind with class answers and the time', () => {
  const now = 1_770_000_000;
  const german = { id: 'r-de', title: '20 Min. FTP-Test' };
  const known = (answers: Record<string, boolean>) => (rideId: string) => answers[rideId];

  it('an undecided class not yet answered: ask (finished, or being ridden now); nothing to ask without a class id', () => {
    assert.equal(listedKind({ status: 'COMPLETE', created_at: now - 99_999, ride: german }, { now }), 'ask');
    assert.equal(listedKind({ status: 'IN_PROGRESS', created_at: now - 600, ride: german }, { now }), 'ask');
    assert.equal(listedKind({ status: 'COMPLETE', ride: { title: german.title } }, { now }), 'other');
  });

  it('an answered class: a test or pending when Peloton says so, other when not', () => {
    assert.equal(listedKind({ status: 'COMPLETE', ride: german }, { now, classIsTest: known({ 'r-de': true }) }), 'test');
    assert.equal(listedKind({ status: 'IN_PROGRESS', created_at: now - 600, ride: german }, { now, classIsTest: known({ 'r-de': true }) }), 'pending-test');
    assert.equal(listedKind({ status: 'COMPLETE', ride: german }, { now, classIsTest: known({ 'r-de': false }) }), 'other');
  });

  it('the class answer never turns a warm-up or another class into a test', () => {
    const yes = () => true;
    assert.equal(listedKind({ status: 'COMPLETE', ride: { id: 'w', title: '10 min FTP Warm Up Ride' } }, { now, classIsTest: yes }), 'other');
    assert.equal(listedKind({ status: 'COMPLETE', ride: { id: 'p', title: '45 min Power Zone Ride' } }, { now, classIsTest: yes }), 'other');
  });

  it(`an FTP test IN_PROGRESS for more than ${ABANDONED_AFTER_SECONDS / 3600} hours is abandoned (by start_time, else created_at)`, () => {
    const ride = { title: '20 min FTP Test Ride' };
    const at = (age: number) => now - age;
    assert.equal(listedKind({ status: 'IN_PROGRESS', created_at: at(3 * 3600), ride }, { now }), 'pending-test', 'exactly 3 h: still pending');
    assert.equal(listedKind({ status: 'IN_PROGRESS', created_at: at(3 * 3600 + 1), ride }, { now }), 'abandoned-test');
    assert.equal(listedKind({ status: 'IN_PROGRESS', created_at: at(5 * 3600), start_time: at(600), ride }, { now }), 'pending-test', 'start_time first');
    assert.equal(listedKind({ status: 'IN_PROGRESS', created_at: at(600), start_time: at(4 * 3600), ride }, { now }), 'abandoned-test');
    assert.equal(listedKind({ status: 'COMPLETE', created_at: at(99 * 3600), ride }, { now }), 'test', 'a finished test is a result at any age');
  });

  it('an abandoned test of an undecided class is not worth asking about', () => {
    assert.equal(listedKind({ status: 'IN_PROGRESS', created_at: now - 5 * 3600, ride: german }, { now }), 'other');
    assert.equal(listedKind({ status: 'IN_PROGRESS', created_at: now - 5 * 3600, ride: german }, { now, classIsTest: known({ 'r-de': true }) }), 'abandoned-test');
  });
});
