// Types still declared by hand in server/services/ (not this module's files) are structurally
// the contract's static types, so each can become an `import type` from shared/contract/.
// Checked at compile time (tsc); the test body only keeps bun from reporting an empty file.
import { expect, test } from 'bun:test';
import type { MemberPatch as ServiceMemberPatch } from '../services/members';
import type { TeamInput as ServiceTeamInput } from '../services/teams';
import type { HandoffChatDto as ServiceHandoffChatDto, HandoffContactInput as ServiceHandoffContactInput, HandoffInput as ServiceHandoffInput, TranscriptEntry as ServiceTranscriptEntry } from '../services/handoff';
import type { ChatView as ServiceChatView } from '../services/chats';
import type { ContactFields as ServiceContactFields } from '../services/contacts';
import type { MemberPatch } from '../../shared/contract/members';
import type { TeamInput } from '../../shared/contract/teams';
import type { HandoffContactInput, HandoffInput, TranscriptEntry } from '../../shared/contract/handoff';
import type { HandoffChatDto } from '../../shared/contract/chats';
import type { ContactPatch } from '../../shared/contract/contacts';
import type { ChatView } from '../../shared/types/enums';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const same = <A, B>(ok: Same<A, B>) => ok;

test('service-side declarations equal the contract types', () => {
  expect([
    same<ServiceMemberPatch, MemberPatch>(true),
    same<ServiceTeamInput, TeamInput>(true),
    same<ServiceHandoffInput, HandoffInput>(true),
    same<ServiceHandoffContactInput, HandoffContactInput>(true),
    same<ServiceTranscriptEntry, TranscriptEntry>(true),
    same<ServiceHandoffChatDto, HandoffChatDto>(true),
    same<ServiceChatView, ChatView>(true),
    same<ServiceContactFields, ContactPatch>(true),
  ]).not.toContain(false);
});
