import assert from 'node:assert/strict';
import { formatAge } from '../../../src/views/treeFormat';

describe('formatAge (the tree\'s "updated … ago")', () => {
  const now = 1_768_400_000;
  const cases: Array<[number, string]> = [
    [0, 'now'],
    [59, 'now'],
    [60, '1 minute ago'],
    [5 * 60 + 59, '5 minutes ago'],
    [3 * 3600 + 1800, '3 hours ago'],
    [86_400, 'yesterday'],
    [2 * 86_400 + 7200, '2 days ago'],
  ];
  for (const [age, text] of cases) {
    it(`${age} s old reads "${text}" in English`, () => assert.equal(formatAge(now - age, now, 'en'), text));
  }

  it('a fetch time in the future (clock skew) reads as now', () => assert.equal(formatAge(now + 30, now, 'en'), 'now'));

  it("speaks the display language (VS Code's vscode.env.language)", () => {
    assert.equal(formatAge(now - 3 * 3600, now, 'de'), 'vor 3 Stunden');
    assert.equal(formatAge(now - 2 * 86_400, now, 'fr'), 'avant-hier');
  });
});
