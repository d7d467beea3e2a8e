import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isFtpTestTitle, listedKind } from '../../../../src/peloton/ftp/testRule';
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
