/**
 * The reader of warnings stored before they were data: store schemas 1 and 2 kept each warning as the English
 * sentence the domain wrote. Each is read back once, when such a file is loaded, into an {@link FtpWarning}; the
 * next save writes the data. The sentences are those the domain wrote until store schema 3, word for word.
 */
import type { FtpWarning } from '../peloton/ftp/model';

/** A watt figure as the domain wrote it (`${number}`), or null when the text is not one. */
function watts(text: string): number | null {
  const value = Number(text);
  return text !== '' && Number.isFinite(value) ? value : null;
}

/** Each old sentence, whole, with its values captured, and the warning it stands for (null: not a warning after all). */
const SENTENCES: ReadonlyArray<readonly [RegExp, (values: string[]) => FtpWarning | null]> = [
  [/^Peloton names no FTP test for this account \(cycling_ftp_workout_id is empty\)\.$/, () => ({ kind: 'no-ftp-test' })],
  [/^The chain points back to workout (.+?), already listed: stopped there\.$/, ([workoutId]) => ({ kind: 'chain-cycle', workoutId })],
  [
    /^Stopped after (\d+) FTP tests; older tests were not fetched \(setting pelotonFtp\.maxChainLength\)\.$/,
    ([maxTests]) => ({ kind: 'chain-limit', maxTests: Number(maxTests) }),
  ],
  [/^Workout (.+?) was not found \(404\): the history ends there\.$/, ([workoutId]) => ({ kind: 'chain-missing', workoutId })],
  [/^Workout (.+?), an FTP test in your workout list, was not found \(404\): not shown\.$/, ([workoutId]) => ({ kind: 'listed-test-missing', workoutId })],
  [/^No performance graph for workout (.+?) \(404\)\.$/, ([workoutId]) => ({ kind: 'no-graph', workoutId })],
  [/^No average output in the performance graph of workout (.+?)\.$/, ([workoutId]) => ({ kind: 'no-avg-output', workoutId })],
  [
    /^The performance graph of workout (.+?) could not be read \((.+)\)\.$/,
    ([workoutId, path]) => ({ kind: 'unreadable-graph', workoutId, path: path === 'not JSON' ? null : path }),
  ],
  [
    /^Workout (.+?) has a baseline of (.+?) W with no source: not shown\.$/,
    ([workoutId, figure]) => {
      const rawBaseline = watts(figure);
      return rawBaseline === null ? null : { kind: 'baseline-no-source', workoutId, rawBaseline };
    },
  ],
  [
    /^Workout (.+?) has a baseline of (.+?) W with an unknown source "(.*)": not shown\.$/,
    ([workoutId, figure, source]) => {
      const rawBaseline = watts(figure);
      return rawBaseline === null ? null : { kind: 'baseline-unknown-source', workoutId, rawBaseline, source };
    },
  ],
];

/**
 * The warning an old stored sentence stands for. A sentence none of the domain's (an older wording, a hand-edited
 * file) is kept as a `legacy` warning and shown as it is, as it was before: a stored test is never fetched again,
 * so dropping it would lose for good the only word on why that test has no result.
 */
export function legacyWarning(sentence: string): FtpWarning {
  for (const [pattern, read] of SENTENCES) {
    const match = pattern.exec(sentence);
    const warning = match ? read(match.slice(1)) : null;
    if (warning) return warning;
  }
  return { kind: 'legacy', text: sentence };
}
