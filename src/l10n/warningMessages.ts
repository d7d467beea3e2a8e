/**
 * The domain's warnings (src/peloton: ftpChain.ts, historyBuilder.ts) in the display language. The domain
 * writes them in English, and they are stored with the history (`FtpTest.warnings`, `FtpHistory.warnings`),
 * so they are translated here, at the edge, by recognising each known sentence and its values (workout ids,
 * watts, counts). A warning this table does not know is shown as the domain wrote it. Pure (`@vscode/l10n`, no
 * `vscode`), so it is tested in plain Node: test/unit/warningText.test.ts checks that every template matches
 * the domain's English exactly.
 */
import * as l10n from '@vscode/l10n';

/** One known warning: its English template (`{0}`, `{1}` … for values) and its translation. */
interface WarningTemplate {
  template: string;
  translate(values: string[]): string;
}

/** Every warning the domain writes, as templates. Keep each `template` equal to the `l10n.t` message beside it. */
export const WARNING_TEMPLATES: readonly WarningTemplate[] = [
  {
    template: 'Peloton names no FTP test for this account (cycling_ftp_workout_id is empty).',
    translate: () => l10n.t('Peloton names no FTP test for this account (cycling_ftp_workout_id is empty).'),
  },
  {
    template: 'The chain points back to workout {0}, already listed: stopped there.',
    translate: (v) => l10n.t('The chain points back to workout {0}, already listed: stopped there.', ...v),
  },
  {
    template: 'Stopped after {0} FTP tests; older tests were not fetched (setting pelotonFtp.maxChainLength).',
    translate: (v) => l10n.t('Stopped after {0} FTP tests; older tests were not fetched (setting pelotonFtp.maxChainLength).', ...v),
  },
  {
    template: 'Workout {0} was not found (404): the history ends there.',
    translate: (v) => l10n.t('Workout {0} was not found (404): the history ends there.', ...v),
  },
  {
    template: 'No average output in the performance graph of workout {0}.',
    translate: (v) => l10n.t('No average output in the performance graph of workout {0}.', ...v),
  },
  {
    template: 'No performance graph for workout {0} (404).',
    translate: (v) => l10n.t('No performance graph for workout {0} (404).', ...v),
  },
  {
    template: 'The performance graph of workout {0} could not be read ({1}).',
    translate: (v) => l10n.t('The performance graph of workout {0} could not be read ({1}).', ...v),
  },
  {
    template: 'Workout {0} has a baseline of {1} W with no source: not shown.',
    translate: (v) => l10n.t('Workout {0} has a baseline of {1} W with no source: not shown.', ...v),
  },
  {
    template: 'Workout {0} has a baseline of {1} W with an unknown source "{2}": not shown.',
    translate: (v) => l10n.t('Workout {0} has a baseline of {1} W with an unknown source "{2}": not shown.', ...v),
  },
  {
    template: 'Workout {0}, an FTP test in your workout list, was not found (404): not shown.',
    translate: (v) => l10n.t('Workout {0}, an FTP test in your workout list, was not found (404): not shown.', ...v),
  },
];

/** A template as a whole-string pattern, each `{n}` a lazy capture. */
function patternOf(template: string): RegExp {
  const parts = template.split(/\{\d\}/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('(.+?)')}$`);
}

const PATTERNS = WARNING_TEMPLATES.map((entry) => ({ pattern: patternOf(entry.template), translate: entry.translate }));

/** A known warning in the display language, or null when the warning is not one of {@link WARNING_TEMPLATES}. */
export function translateWarning(warning: string): string | null {
  for (const { pattern, translate } of PATTERNS) {
    const match = pattern.exec(warning);
    if (match) return translate(match.slice(1));
  }
  return null;
}

/** A warning in the display language when it is a known one; else as the domain wrote it. */
export function warningText(warning: string): string {
  return translateWarning(warning) ?? warning;
}
