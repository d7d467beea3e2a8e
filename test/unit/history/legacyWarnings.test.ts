/** The sentences of store schemas 1 and 2 read back into warnings, once, when such a file loads. */
import assert from 'node:assert/strict';
import { legacyWarning } from '../../../src/history/legacyWarnings';
import { warningMessage } from '../../../src/l10n/warningMessages';
import { ALL_WARNING_SAMPLES, WORKOUT } from '../support/warnings';

describe('legacyWarning', () => {
  it("reads each sentence the domain wrote back into its kind and values, and says it again word for word", () => {
    for (const { warning, english } of ALL_WARNING_SAMPLES) {
      assert.deepEqual(legacyWarning(english), warning, english);
      assert.equal(warningMessage(legacyWarning(english)), english);
    }
  });

  it('keeps a sentence it does not know, whole, as a legacy warning', () => {
    for (const text of [
      `Workout ${WORKOUT} has a baseline of 150 W from an unknown source "x": not shown.`, // the wording before l10n
      `Workout ${WORKOUT} has a baseline of lots of W with no source: not shown.`,
      'No performance graph for workout (404).',
      `no performance graph for workout ${WORKOUT} (404)`,
      '',
    ]) {
      assert.deepEqual(legacyWarning(text), { kind: 'legacy', text });
    }
  });
});
