/**
 * Every kind of warning as one sentence, in English (the same words the domain wrote while warnings were stored as
 * sentences) and in German (the bundle's translation of those words).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as l10n from '@vscode/l10n';
import { warningMessage } from '../../../src/l10n/warningMessages';
import { ALL_WARNING_SAMPLES } from '../support/warnings';

describe('warningMessage', () => {
  it('says every kind in English as the domain used to write it', () => {
    for (const { warning, english } of ALL_WARNING_SAMPLES) assert.equal(warningMessage(warning), english, warning.kind);
  });

  describe('in German', () => {
    before(() => {
      const bundle = readFileSync(join(__dirname, '..', '..', '..', 'l10n', 'bundle.l10n.de.json'), 'utf8');
      l10n.config({ contents: JSON.parse(bundle) as Record<string, string> });
    });
    after(() => l10n.config({ contents: {} }));

    it('says every kind in German; a legacy warning as it was stored', () => {
      for (const { warning, german } of ALL_WARNING_SAMPLES) assert.equal(warningMessage(warning), german, warning.kind);
    });
  });
});
