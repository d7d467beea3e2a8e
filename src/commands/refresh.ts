/** "Peloton: Refresh FTP History" and "Peloton: Cancel Refresh". */
import { COMMANDS } from '../ids';
import type { CommandDeps } from './deps';

/** Refresh (signed out: the access-token sign-in first, which refreshes once signed in) and its cancel. */
export function refreshCommands({ auth, signIn, history }: CommandDeps) {
  return {
    [COMMANDS.refresh]: async () => {
      if (!auth.current) await signIn.run('token');
      else await history.refresh();
    },
    [COMMANDS.cancelRefresh]: () => history.cancel(),
  };
}
