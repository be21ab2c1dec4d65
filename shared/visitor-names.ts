// A friendly stand-in name and colour for an anonymous visitor ("Amber Otter"), until they say
// who they are. Deterministic from the contact id, so every screen — console lists, the chat
// header, contacts, the visitor's own widget — and every reload shows the same one. Pure: no I/O.

const ADJECTIVES = [
  'Amber', 'Azure', 'Brave', 'Bright', 'Calm', 'Clever', 'Coral', 'Cosy', 'Crimson', 'Curious',
  'Gentle', 'Golden', 'Happy', 'Jade', 'Jolly', 'Kind', 'Lively', 'Lucky', 'Maple', 'Mellow',
  'Misty', 'Nimble', 'Olive', 'Plucky', 'Quiet', 'Rosy', 'Ruby', 'Sage', 'Silver', 'Sunny',
  'Swift', 'Teal',
] as const;

const ANIMALS = [
  'Badger', 'Beaver', 'Bison', 'Crane', 'Deer', 'Dolphin', 'Falcon', 'Ferret', 'Finch', 'Fox',
  'Gecko', 'Hare', 'Heron', 'Ibis', 'Koala', 'Lark', 'Lemur', 'Lynx', 'Marten', 'Moose',
  'Newt', 'Otter', 'Owl', 'Panda', 'Puffin', 'Quail', 'Raven', 'Robin', 'Seal', 'Swan',
  'Tapir', 'Wren',
] as const;

/** Avatar colours with white text at ≥ 4.5:1 contrast. */
export const VISITOR_COLORS = ['#b45309', '#0369a1', '#047857', '#7c3aed', '#be123c', '#4d7c0f', '#0f766e', '#a21caf', '#c2410c', '#1d4ed8'] as const;

/** FNV-1a over the id's characters: stable, spreads neighbouring ObjectIds apart. */
function hash(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

export interface VisitorIdentity {
  name: string;
  color: string;
}

export function visitorIdentity(contactId: string): VisitorIdentity {
  const h = hash(contactId);
  const adjective = ADJECTIVES[h % ADJECTIVES.length]!;
  const animal = ANIMALS[Math.floor(h / ADJECTIVES.length) % ANIMALS.length]!;
  const color = VISITOR_COLORS[Math.floor(h / (ADJECTIVES.length * ANIMALS.length)) % VISITOR_COLORS.length]!;
  return { name: `${adjective} ${animal}`, color };
}

export const visitorName = (contactId: string): string => visitorIdentity(contactId).name;
