/**
 * Every `pelotonFtp.*` command, registered in one place: each family (one file each) hands its handlers by command
 * id, and this registers them. The check below fails to compile when a command of src/ids.ts has no handler.
 */
import * as vscode from 'vscode';
import type { CommandId } from '../ids';
import { chartCommands, closeChartPanel } from './chart';
import type { CommandDeps } from './deps';
import { exportCommands } from './exportHistory';
import { refreshCommands } from './refresh';
import { showLogCommands } from './showLog';
import { signInCommands, whenSignedOut } from './signIn';
import { workoutCommands } from './workout';

/** Registers every command. @returns what to dispose: the registrations and what the families hold. */
export function registerCommands(deps: CommandDeps): vscode.Disposable[] {
  const handlers = {
    ...signInCommands(deps),
    ...refreshCommands(deps),
    ...chartCommands(deps),
    ...workoutCommands(),
    ...exportCommands(deps),
    ...showLogCommands(deps),
  } satisfies Record<CommandId, (...args: never[]) => unknown>;
  return [
    ...Object.entries(handlers).map(([id, handler]) => vscode.commands.registerCommand(id, handler)),
    whenSignedOut(deps),
    closeChartPanel(),
  ];
}
