/**
 * The domain's warnings (`FtpWarning` in src/peloton/ftp/model.ts) in the display language: one whole sentence per
 * kind, its values as placeholders. Pure (`@vscode/l10n`, configured by src/l10n/configure.ts), so
 * test/unit/l10n/warningMessages.test.ts checks every kind in English and German.
 */
import * as l10n from '@vscode/l10n';
import type { FtpWarning } from '../peloton/ftp/model';

/** A warning as one sentence in the display language; a `legacy` warning as it was stored. */
export function warningMessage(warning: FtpWarning): string {
  switch (warning.kind) {
    case 'no-ftp-test':
      return l10n.t('Peloton names no FTP test for this account (cycling_ftp_workout_id is empty).');
    case 'chain-cycle':
      return l10n.t('The chain points back to workout {0}, already listed: stopped there.', warning.workoutId);
    case 'chain-limit':
      return l10n.t('Stopped after {0} FTP tests; older tests were not fetched (setting pelotonFtp.maxChainLength).', warning.maxTests);
    case 'chain-missing':
      return l10n.t('Workout {0} was not found (404): the history ends there.', warning.workoutId);
    case 'listed-test-missing':
      return l10n.t('Workout {0}, an FTP test in your workout list, was not found (404): not shown.', warning.workoutId);
    case 'no-graph':
      return l10n.t('No performance graph for workout {0} (404).', warning.workoutId);
    case 'no-avg-output':
      return l10n.t('No average output in the performance graph of workout {0}.', warning.workoutId);
    case 'unreadable-graph':
      // The path is a technical detail quoted as it is; "not JSON" stands in for it in every language, as before.
      return l10n.t('The performance graph of workout {0} could not be read ({1}).', warning.workoutId, warning.path ?? 'not JSON');
    case 'baseline-no-source':
      return l10n.t('Workout {0} has a baseline of {1} W with no source: not shown.', warning.workoutId, warning.rawBaseline);
    case 'baseline-unknown-source':
      return l10n.t('Workout {0} has a baseline of {1} W with an unknown source "{2}": not shown.', warning.workoutId, warning.rawBaseline, warning.source);
    case 'legacy':
      return warning.text;
  }
}
