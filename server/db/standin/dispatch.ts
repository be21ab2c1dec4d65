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
import { type Step, type StepHandler, isInterleaving, nextTurn, runInterleaved, runToEnd, standinInterleave } from './interleave.ts';
import { rejectUnsupported } from './unsupported.ts';
import type { Doc } from './values.ts';

/** Multi-document writes run in steps so the interleaving mode can yield between documents. */
const STEPPED: Record<string, StepHandler> = { insert, update, delete: deleteCommand, findAndModify, findandmodify: findAndModify };

const COMMANDS: Record<string, Handler> = {
  ...handshakeCommands,
  ...readCommands,
  ...collectionCommands,
  ...indexCommands,
  aggregate,
  standinInterleave,
};

export function commandNames(): string[] {
  return [...Object.keys(COMMANDS), ...Object.keys(STEPPED)];
}

function* run(command: Doc, ctx: Omit<CommandContext, 'name'>): Step {
  const name = Object.keys(command)[0] ?? '';
  const stepped = Object.hasOwn(STEPPED, name) ? STEPPED[name] : undefined;
  const handler = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!handler && !stepped) {
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
    const full = { ...ctx, name };
    const reply = stepped ? yield* stepped(command, full) : (handler as Handler)(command, full);
    return { ...reply, ok: 1 };
  } catch (err) {
    if (!(err instanceof CommandError)) {
      ctx.log('warn', 'standin: command failed', { command: name, error: err instanceof Error ? err.message : String(err) });
    }
    return toCommandError(err).toReply();
  }
}

/** Runs one command to completion without yielding: what makes each command atomic by default. */
export function dispatch(command: Doc, ctx: Omit<CommandContext, 'name'>): Doc {
  return runToEnd(run(command, ctx));
}

/** Per connection, the tail of its queued interleaved commands: replies must leave in request order. */
const pending = new WeakMap<object, Promise<void>>();

/**
 * Runs one request and hands its reply to `send`: at once by default, or (interleaving mode, see
 * interleave.ts) queued behind the connection's earlier requests, after one event-loop turn and
 * with turns between the documents of multi-document writes.
 */
export function handle(command: Doc, ctx: Omit<CommandContext, 'name'>, connection: object, send: (reply: Doc) => void): void {
  const queued = pending.get(connection);
  if (!queued && !isInterleaving(ctx.store)) {
    send(dispatch(command, ctx));
    return;
  }
  const next = (queued ?? Promise.resolve()).then(async () => {
    await nextTurn();
    send(await runInterleaved(run(command, ctx)));
  });
  pending.set(connection, next);
  void next
    .catch((err: unknown) => ctx.log('error', 'standin: interleaved command failed', { error: err instanceof Error ? err.message : String(err) }))
    .finally(() => {
      if (pending.get(connection) === next) pending.delete(connection);
    });
}
