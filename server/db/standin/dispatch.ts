/**
 * Command table and the single entry point from the wire layer. Every request gets a reply:
 * unknown commands and handler failures become MongoDB-shaped `{ ok: 0 }` documents, never a
 * dropped socket or a hang.
 */
import { aggregate } from './commands/aggregate.ts';
import { collectionCommands } from './commands/collections.ts';
import { deleteCommand } from './commands/delete.ts';
import { findAndModify } from './commands/findAndModify.ts';
import { readCommands } from './commands/find.ts';
import { handshakeCommands } from './commands/handshake.ts';
import { indexCommands } from './commands/indexes.ts';
import { insert } from './commands/insert.ts';
import { update } from './commands/update.ts';
import type { CommandContext, Handler } from './context.ts';
import { CommandError, Codes, toCommandError } from './errors.ts';
import { rejectUnsupported } from './unsupported.ts';
import type { Doc } from './values.ts';

const COMMANDS: Record<string, Handler> = {
  ...handshakeCommands,
  ...readCommands,
  ...collectionCommands,
  ...indexCommands,
  insert,
  update,
  delete: deleteCommand,
  findAndModify,
  findandmodify: findAndModify,
  aggregate,
};

export function commandNames(): string[] {
  return Object.keys(COMMANDS);
}

export function dispatch(command: Doc, ctx: Omit<CommandContext, 'name'>): Doc {
  const name = Object.keys(command)[0] ?? '';
  const handler = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!handler) {
    // Worth a warning: application code may be relying on something the stand-in lacks.
    ctx.log('warn', 'standin: unknown command', { command: name });
    return new CommandError(Codes.CommandNotFound, 'CommandNotFound', `no such command: '${name}'`).toReply();
  }
  try {
    // A standalone mongod refuses transaction numbers; so do we (the driver only sends them to replica sets).
    if (command.txnNumber !== undefined || command.startTransaction !== undefined) {
      throw new CommandError(Codes.IllegalOperation, 'IllegalOperation', 'Transaction numbers are only allowed on a replica set member or mongos');
    }
    rejectUnsupported(command);
    return { ...handler(command, { ...ctx, name }), ok: 1 };
  } catch (err) {
    if (!(err instanceof CommandError)) {
      ctx.log('warn', 'standin: command failed', { command: name, error: err instanceof Error ? err.message : String(err) });
    }
    return toCommandError(err).toReply();
  }
}
