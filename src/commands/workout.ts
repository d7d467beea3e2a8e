/** The FTP test rows' commands: "Open Workout on Peloton" and "Copy Workout ID". */
import * as vscode from 'vscode';
import { COMMANDS } from '../ids';
import type { FtpTreeItem } from '../views/ftpTestsTree';

/** The web page of one workout on Peloton's members site. */
export function workoutUrl(workoutId: string): vscode.Uri {
  return vscode.Uri.parse(`https://members.onepeloton.com/profile/workouts/${encodeURIComponent(workoutId)}`);
}

/** A workout id from a tree row or a plain string argument. */
function workoutIdOf(arg: FtpTreeItem | string | undefined): string | undefined {
  return typeof arg === 'string' ? arg : (arg?.test?.workoutId ?? undefined);
}

/** Both take a tree row or a workout id. */
export function workoutCommands() {
  return {
    [COMMANDS.openWorkout]: (arg?: FtpTreeItem | string) => {
      const id = workoutIdOf(arg);
      if (id) void vscode.env.openExternal(workoutUrl(id));
    },
    [COMMANDS.copyWorkoutId]: async (arg?: FtpTreeItem | string) => {
      const id = workoutIdOf(arg);
      if (!id) return;
      await vscode.env.clipboard.writeText(id);
      vscode.window.setStatusBarMessage(vscode.l10n.t('Copied workout ID {0}', id), 3000);
    },
  };
}
