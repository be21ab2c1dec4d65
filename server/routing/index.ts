// Routing, installed once per server instance (runtime.ts, before jobs start): it fills the chat
// hooks, defines its Agenda jobs and listens on the bus for agents and teams that changed.
import type { AppContext } from '../context';
import { defineNotifyJobs } from './notify-jobs';
import { defineRoutingJobs } from './routing-jobs';
import { assignedByPerson } from './assigned-by-person';
import { RoutingEngine } from './engine';
import { chatCreated } from './new-chat';
import { ensureAgentOpenings } from './schedules';
import { agentResponded, chatEnded, visitorChose } from './unresponsive';

export interface Routing {
  engine: RoutingEngine;
  /** Stops listening and waits for routing work already under way. */
  close(): Promise<void>;
}

export function installRouting(ctx: AppContext): Routing {
  const engine = new RoutingEngine(ctx);
  defineRoutingJobs(ctx, engine);
  defineNotifyJobs(ctx);

  // The hooks run after the chat change is stored and announced: routing failing must not turn
  // the caller's success (chat opened, message stored, chat ended) into an error, so it logs.
  const guarded =
    <A extends unknown[]>(label: string, run: (...args: A) => Promise<void>) =>
    async (...args: A): Promise<void> => {
      try {
        await run(...args);
      } catch (err) {
        ctx.log.error('routing hook failed', { hook: label, err });
      }
    };

  // Awaited by openChat, so the answer to "start a chat" already carries its assignment.
  ctx.hooks.afterCreate = guarded('afterCreate', (chat) => chatCreated(engine, chat));
  ctx.hooks.afterAgentMessage = guarded('afterAgentMessage', (chat) => agentResponded(ctx, chat));
  ctx.hooks.afterEnd = guarded('afterEnd', async (chat) => {
    await chatEnded(ctx, chat);
    // Their capacity just grew: offer them waiting chats, without holding up "End chat".
    const agentId = chat.assigneeId?.toString();
    if (agentId) engine.background('drain after end', () => engine.agentChanged(chat.orgId.toString(), agentId));
  });
  ctx.hooks.afterAssign = guarded('afterAssign', (chat, info) => assignedByPerson(engine, chat, info));
  // Not guarded: the visitor must hear "no open choice" (409) when that is the case.
  ctx.hooks.visitorChoice = (chat, choice) => visitorChose(engine, chat, choice);

  const unsubscribe = ctx.bus.subscribe((event) => {
    // With the Redis bus every instance hears every event and may react; that is safe (the
    // assignment guards are in the database), just redundant.
    if (event.kind === 'user.changed') engine.background('agent changed', () => engine.agentChanged(event.orgId, event.userId));
    if (event.kind === 'team.changed') engine.background('team changed', () => engine.drainTeam(event.orgId, event.teamId));
  });
  engine.background('agent openings at boot', () => ensureAgentOpenings(ctx));

  return {
    engine,
    async close() {
      unsubscribe();
      await engine.idle();
    },
  };
}
