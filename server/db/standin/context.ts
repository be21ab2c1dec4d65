/** What every command handler receives. Handlers are synchronous by design (see storage.ts). */
import type { CursorRegistry } from './cursors.ts';
import type { Store } from './storage.ts';
import type { Doc } from './values.ts';

export type LogLevel = 'info' | 'warn' | 'error';
export type Logger = (level: LogLevel, msg: string, fields?: Record<string, unknown>) => void;

export interface CommandContext {
  store: Store;
  cursors: CursorRegistry;
  /** Database the command targets ($db). */
  db: string;
  connectionId: number;
  /** The command name as the client spelled it (isMaster vs ismaster matters for replies). */
  name: string;
  log: Logger;
}

export type Handler = (cmd: Doc, ctx: CommandContext) => Doc;
