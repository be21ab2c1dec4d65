// Routing, installed once per server instance (runtime.ts, before jobs start): it subscribes to
// the chat lifecycle events, defines its Agenda jobs and listens on the bus for agents and teams
// that changed.
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

  // The events come after the chat change is stored and announced: routing failing must not turn
  // the caller's success (chat opened, message stored, chat ended) into an error, so it logs.
  const guarded =
    <P>(label: string, run: (payload: P) => Promise<void>) =>
    async (payload: P): Promise<void> => {
      try {
        await run(payload);
      } catch (err) {
        ctx.log.error('routing listener failed', { event: label, err });
      }
    };

  const { events } = ctx;
  const unsubscribers = [
    // Awaited by openChat, so the answer to "start a chat" already carries its assignment.
    events.on('chat.created', guarded('chat.created', ({ chat }) => chatCreated(engine, chat))),
    events.on('chat.agentReplied', guarded('chat.agentReplied', ({ chat }) => agentResponded(ctx, chat))),
    events.on(
      'chat.ended',
      guarded('chat.ended', async ({ chat }) => {
        await chatEnded(ctx, chat);
        // Their capacity just grew: offer them waiting chats, without holding up "End chat".
        const agentId = chat.assigneeId?.toString();
        if (agentId) engine.background('drain after end', () => engine.agentChanged(chat.orgId.toString(), agentId));
      }),
    ),
    events.on('chat.assigned', guarded('chat.assigned', ({ chat, ...info }) => assignedByPerson(engine, chat, info))),
    // Not guarded: the visitor must hear "no open choice" (409) when that is the case.
    events.on('chat.visitorChose', async ({ chat, choice }) => void (await visitorChose(engine, chat, choice))),
  ];

  unsubscribers.push(ctx.bus.subscribe((event) => {
    // With the Redis bus every instance hears every event and may react; that is safe (the
    // assignment guards are in the database), just redundant.
    if (event.kind === 'user.changed') engine.background('agent changed', () => engine.agentChanged(event.orgId, event.userId));
    if (event.kind === 'team.changed') engine.background('team changed', () => engine.drainTeam(event.orgId, event.teamId));
    // An agent who opened the console may take the chats waiting for an online agent.
    if (event.kind === 'member.presence' && event.presence !== 'offline') {
      engine.background('agent online', () => engine.agentChanged(event.orgId, event.userId));
    }
  }));
  engine.background('agent openings at boot', () => ensureAgentOpenings(ctx));

  return {
    engine,
    async close() {
      for (const unsubscribe of unsubscribers) unsubscribe();
      await engine.idle();
    },
  };
}
