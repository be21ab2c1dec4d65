// Auto-assignment against the real database: strategies, availability, caps, and the atomic
// guards on their own (without the in-process per-team queue).
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { ObjectId } from '../db/ids';
import type { AppContext } from '../context';
import type { ChatDoc } from '../db/types';
import { startTestServer, type TestServer } from '../testing/harness';
import { pickAndAssign } from './assign';
import { RoutingEngine } from './engine';
import { chatById, openTestChat, seedOrg, type SeededOrg } from '../testing/routing';

let server: TestServer;
let ctx: AppContext;
beforeAll(async () => {
  // Interleaving: the stand-in lets concurrent pickers' commands interleave as a real server may.
  server = await startTestServer('routing-assign', { interleave: true });
  ctx = server.ctx;
});
afterAll(() => server.close());

const assigneeNames = async (org: SeededOrg, chats: ChatDoc[]) => {
  const names = new Map(org.agents.map((a) => [a.id.toString(), a.name]));
  const fresh = await Promise.all(chats.map((c) => chatById(ctx, org, c._id)));
  return fresh.map((c) => (c?.assigneeId ? names.get(c.assigneeId.toString()) : null));
};

async function openInOrder(org: SeededOrg, n: number): Promise<ChatDoc[]> {
  const chats: ChatDoc[] = [];
  for (let i = 0; i < n; i++) chats.push(await openTestChat(ctx, org));
  return chats;
}

describe('round robin', () => {
  test('rotates through the available agents, least recently assigned first', async () => {
    const org = await seedOrg(server, { agents: 3 });
    const chats = await openInOrder(org, 7);
    expect(await assigneeNames(org, chats)).toEqual(['Agent A', 'Agent B', 'Agent C', 'Agent A', 'Agent B', 'Agent C', 'Agent A']);
    const events = await org.db.chatEvents.find({ chatId: chats[0]!._id, kind: 'auto_assigned' });
    expect(events).toHaveLength(1);
    expect(events[0]!.actor?.kind).toBe('system');
  });

  test('skips agents who are away, outside their hours, deactivated or at their cap', async () => {
    const closedHours = { timezone: 'UTC', weekly: {}, exceptions: [] };
    const org = await seedOrg(server, {
      agents: 5,
      agent: (i) =>
        [{ manualStatus: 'away' }, { schedule: closedHours }, { active: false }, { maxConcurrentChats: 1 }, {}][i]!,
    });
    const chats = await openInOrder(org, 3);
    // D takes one (its cap), E the rest.
    expect(await assigneeNames(org, chats)).toEqual(['Agent D', 'Agent E', 'Agent E']);
  });

  test("the team's per-agent cap holds, and the overflow waits", async () => {
    const org = await seedOrg(server, { agents: 2, team: { maxChatsPerAgent: 2 } });
    const chats = await openInOrder(org, 5);
    expect(await assigneeNames(org, chats)).toEqual(['Agent A', 'Agent B', 'Agent A', 'Agent B', null]);
  });

  test('strategy none leaves chats for a claim', async () => {
    const org = await seedOrg(server, { agents: 2, team: { assignmentStrategy: 'none' } });
    const [chat] = await openInOrder(org, 1);
    expect((await chatById(ctx, org, chat!._id))!.status).toBe('unassigned');
  });

  test('posts the assigned message to the visitor with the agent’s name', async () => {
    const org = await seedOrg(server, { agents: 1, team: { assignedMessage: 'You are now chatting with {agent}.' } });
    const chat = await openTestChat(ctx, org);
    // In the agent's voice, and held on the chat until the visitor's first message (stored after it).
    expect(await org.db.messages.count({ chatId: chat._id })).toBe(0);
    const held = (await chatById(ctx, org, chat._id))!.pendingAutoMessages ?? [];
    expect(held.map((m) => [m.kind, m.authorName, m.text])).toEqual([['agent', 'Agent A', 'You are now chatting with Agent A.']]);
    expect(chat.status).toBe('assigned');
    expect(chat.autoAssigned).toBe(true);
  });
});

describe('round robin by contact', () => {
  test('a returning contact gets their last agent; new contacts rotate on new-contact time', async () => {
    const org = await seedOrg(server, { agents: 3, team: { assignmentStrategy: 'round_robin_by_contact' } });
    const first = await openTestChat(ctx, org);
    expect(first.assigneeId?.toString()).toBe(org.agents[0]!.id.toString());
    await org.db.chats.updateOne({ _id: first._id }, { $set: { status: 'ended' } });
    // New contacts go to B and C (A had the last new contact)…
    const second = await openTestChat(ctx, org);
    const third = await openTestChat(ctx, org);
    // …and the first contact, returning, goes back to A although A is not next in line.
    const again = await openTestChat(ctx, org, first.contactId);
    expect(await assigneeNames(org, [second, third, again])).toEqual(['Agent B', 'Agent C', 'Agent A']);
    // A returning contact does not use up A's new-contact turn: the next new contact is A's.
    const fourth = await openTestChat(ctx, org);
    expect(await assigneeNames(org, [fourth])).toEqual(['Agent A']);
  });

  test('a returning contact whose agent is away goes to the next agent in line', async () => {
    const org = await seedOrg(server, { agents: 2, team: { assignmentStrategy: 'round_robin_by_contact' } });
    const first = await openTestChat(ctx, org);
    await org.db.chats.updateOne({ _id: first._id }, { $set: { status: 'ended' } });
    await org.db.members.updateOne({ _id: org.agents[0]!.id }, { $set: { manualStatus: 'away' } });
    const again = await openTestChat(ctx, org, first.contactId);
    expect(await assigneeNames(org, [again])).toEqual(['Agent B']);
  });
});

describe('the database guards alone', () => {
  test('concurrent routers (each chat offered twice at once) never double-assign or exceed a cap', async () => {
    const org = await seedOrg(server, { agents: 5, agent: () => ({ maxConcurrentChats: 3 }), team: { assignmentStrategy: 'none' } });
    const chats = await openInOrder(org, 30);
    await org.db.teams.updateOne({ _id: org.teamId }, { $set: { assignmentStrategy: 'round_robin' } });
    const team = (await org.db.teams.findById(org.teamId))!;

    // pickAndAssign directly: no per-team queue, so only the lease and conditional updates decide.
    const outcomes = await Promise.all(chats.flatMap((chat) => [pickAndAssign(ctx, { chat, team }), pickAndAssign(ctx, { chat, team })]));
    const wins = new Map<string, number>();
    for (const o of outcomes) if (o.kind === 'assigned') wins.set(o.chat._id.toString(), (wins.get(o.chat._id.toString()) ?? 0) + 1);
    expect([...wins.values()].every((n) => n === 1)).toBe(true);

    const perAgent = async () => {
      const rows = await org.db.chats.aggregate<{ _id: ObjectId; n: number }>([
        { $match: { status: 'assigned' } },
        { $group: { _id: '$assigneeId', n: { $sum: 1 } } },
      ]);
      return rows.map((r) => r.n);
    };
    expect((await perAgent()).every((n) => n <= 3)).toBe(true);
    expect(wins.size).toBeLessThanOrEqual(15);

    // Whatever a contended router left over, a drain fills exactly up to the caps.
    await new RoutingEngine(ctx).drainTeam(org.orgId.toString(), org.teamId.toString());
    expect((await perAgent()).sort()).toEqual([3, 3, 3, 3, 3]);
    expect(await org.db.chats.count({ status: 'unassigned' })).toBe(15);
    // 60 contended routing attempts and a drain: seconds on a busy machine, not the default 5.
  }, 20_000);

  test('a chat claimed meanwhile is left alone', async () => {
    const org = await seedOrg(server, { agents: 1, team: { assignmentStrategy: 'none' } });
    const chat = await openTestChat(ctx, org);
    await org.db.chats.updateOne({ _id: chat._id }, { $set: { status: 'assigned', assigneeId: new ObjectId() } });
    const team = (await org.db.teams.findById(org.teamId))!;
    const outcome = await pickAndAssign(ctx, { chat, team: { ...team, assignmentStrategy: 'round_robin' } });
    expect(outcome.kind).toBe('chat_changed');
    // The agent's turn was not used up by the failed attempt.
    expect((await org.db.members.findById(org.agents[0]!.id))!.lastAssignedAt).toBeNull();
  });
});
