import { describe, expect, test } from 'bun:test';
import type { ServerMessage } from '../../../shared/protocol/messages';
import type { ChatDto, MessageDto } from '../../../shared/types/dto';
import { dispatch, handlers, type DispatchTarget } from './dispatch';

const chat = { id: 'c1' } as ChatDto;
const message = { id: 'm1', chatId: 'c1', seq: 4 } as MessageDto;

function recorder() {
  const calls: [string, ...unknown[]][] = [];
  const rec = (name: string) => (...args: unknown[]) => void calls.push([name, ...args]);
  const target: DispatchTarget = {
    ready: rec('ready'),
    upsertChat: rec('upsertChat'),
    removeChat: rec('removeChat'),
    addMessages: rec('addMessages'),
    replayed: rec('replayed'),
    setRead: rec('setRead'),
    setTyping: rec('setTyping'),
    setCounts: rec('setCounts'),
    notifyAssigned: rec('notifyAssigned'),
    addNote: rec('addNote'),
    mentioned: rec('mentioned'),
    sessionRevoked: rec('sessionRevoked'),
    serverError: rec('serverError'),
    setPresence: rec('setPresence'),
    memberChanged: rec('memberChanged'),
  };
  return { calls, target };
}

const counts = { unassigned: 1, mine: 2, all: 3, teams: { t: 3 } };
const note = { id: 'n1', chatId: 'c1', author: { id: 'u1', name: 'A' }, text: 'psst', mentions: [], createdAt: 'T' };
const mention = { id: 'm1', chatId: 'c1', noteId: 'n1', by: { id: 'u1', name: 'A' }, excerpt: 'psst', createdAt: 'T', read: false, chat: null };
const author = { kind: 'contact' as const, id: 'k', name: 'Ann' };

const cases: [ServerMessage, [string, ...unknown[]][]][] = [
  [{ type: 'ready', as: 'agent', userId: 'u1', orgId: 'o' }, [['ready', 'u1']]],
  [{ type: 'ready', as: 'visitor', contactId: 'k', orgId: 'o' }, []],
  [{ type: 'pong' }, []],
  [{ type: 'ack', clientId: 'x', chatId: 'c1', message }, [['addMessages', 'c1', [message]]]],
  [{ type: 'error', code: 'FORBIDDEN', message: 'no', replyTo: 'x' }, [['serverError', 'FORBIDDEN', 'no', 'x']]],
  [{ type: 'message.created', message }, [['addMessages', 'c1', [message], true]]],
  [{ type: 'chat.replayed', chatId: 'c1', lastSeq: 9 }, [['replayed', 'c1', 9]]],
  [{ type: 'chat.replayed', chatId: 'c1', lastSeq: 9, visitorReadSeq: 7, visitorReadAt: 'T' }, [['replayed', 'c1', 9], ['setRead', 'c1', 'visitor', 7, 'T']]],
  [{ type: 'chat.read', chatId: 'c1', side: 'visitor', seq: 5, at: 'T' }, [['setRead', 'c1', 'visitor', 5, 'T']]],
  [{ type: 'chat.created', chat }, [['upsertChat', chat]]],
  [{ type: 'chat.updated', chat }, [['upsertChat', chat]]],
  [{ type: 'chat.assigned', chat, byUserId: null }, [['upsertChat', chat]]],
  [{ type: 'chat.ended', chat }, [['upsertChat', chat]]],
  [{ type: 'chat.removed', chatId: 'c1' }, [['removeChat', 'c1']]],
  [{ type: 'typing', chatId: 'c1', author, typing: true }, [['setTyping', 'c1', author, true]]],
  [{ type: 'badges', counts }, [['setCounts', counts]]],
  [{ type: 'notify.assigned', chat }, [['notifyAssigned', chat]]],
  [{ type: 'note.created', note }, [['addNote', note]]],
  [{ type: 'mention.created', mention }, [['mentioned', mention]]],
  [{ type: 'session.revoked', reason: 'password_changed' }, [['sessionRevoked', 'password_changed']]],
  [{ type: 'member.presence', userId: 'u2', presence: 'online', since: 'T' }, [['setPresence', 'u2', 'online', 'T']]],
  [{ type: 'member.changed', userId: 'u2' }, [['memberChanged', 'u2']]],
  [{ type: 'queue.position', chatId: 'c1', position: 2, estimatedWaitSeconds: null }, []],
];

describe('dispatch table', () => {
  test.each(cases)('%p', (frame, want) => {
    const { calls, target } = recorder();
    expect(dispatch(frame, target)).toBe(true);
    expect(calls).toEqual(want);
  });

  test('covers every server frame type', () => {
    const tested = new Set(cases.map(([f]) => f.type));
    expect(Object.keys(handlers).sort()).toEqual([...tested].sort());
  });

  test.each([null, 42, 'x', {}, { type: 7 }, { type: 'nope' }, { type: 'toString' }, { type: '__proto__' }])('ignores %p', (frame) => {
    const { calls, target } = recorder();
    expect(dispatch(frame, target)).toBe(false);
    expect(calls).toEqual([]);
  });
});
