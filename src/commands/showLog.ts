/** "Peloton: Show Log": the "Peloton FTP" output channel. */
import { COMMANDS } from '../ids';
import type { CommandDeps } from './deps';

/** Reveals the log. */
export function showLogCommands({ log }: CommandDeps) {
  return {
    [COMMANDS.showLog]: () => log.show(),
  };
}
