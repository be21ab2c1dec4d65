// The per-address and per-agent-session caps of socket upgrades: all or nothing, keyed by what the
// socket keeps (its address, its session's hash), given back at close.
import { describe, expect, test } from 'bun:test';
import { SOCKET_CAPS, SocketCaps, type HeldSlots } from './socket-caps';

const held = (address: string | null, sessionHash?: string, addressSlot = false): HeldSlots => ({ address, sessionHash, addressSlot });

describe('takeUpgrade', () => {
  const cases: [string, string | null, string | undefined, { addressSlot: boolean } | null][] = [
    ['a visitor from an address takes an address slot', '203.0.113.1', undefined, { addressSlot: true }],
    ['loopback is exempt', '127.0.0.1', undefined, { addressSlot: false }],
    ['IPv6 loopback is exempt', '::1', undefined, { addressSlot: false }],
    ['no known address: nothing to count', null, undefined, { addressSlot: false }],
    ['an agent takes its session slot too', '203.0.113.2', 'session-a', { addressSlot: true }],
  ];
  test.each(cases)('%s', (_name, address, sessionHash, expected) => {
    expect(new SocketCaps().takeUpgrade(address, sessionHash)).toEqual(expected);
  });
});

test('past the per-address cap an upgrade is refused; a release frees a slot', () => {
  const caps = new SocketCaps();
  for (let i = 0; i < SOCKET_CAPS.perAddress; i++) expect(caps.takeUpgrade('198.51.100.7', undefined)).not.toBeNull();
  expect(caps.takeUpgrade('198.51.100.7', undefined)).toBeNull();
  expect(caps.takeUpgrade('198.51.100.8', undefined)).not.toBeNull();
  caps.release(held('198.51.100.7', undefined, true));
  expect(caps.takeUpgrade('198.51.100.7', undefined)).not.toBeNull();
});

test('a full agent session refuses the upgrade and gives back the address slot it took on the way', () => {
  const caps = new SocketCaps();
  for (let i = 0; i < SOCKET_CAPS.perAgentSession; i++) expect(caps.takeUpgrade('127.0.0.1', 'session-b')).not.toBeNull();
  expect(caps.takeUpgrade('192.0.2.9', 'session-b')).toBeNull();
  // The refused upgrade holds nothing: that address still has every slot.
  for (let i = 0; i < SOCKET_CAPS.perAddress; i++) expect(caps.takeUpgrade('192.0.2.9', undefined)).not.toBeNull();
  expect(caps.takeUpgrade('192.0.2.9', undefined)).toBeNull();
});

test('release gives back the address slot once, and the session slot', () => {
  const caps = new SocketCaps();
  for (let i = 0; i < SOCKET_CAPS.perAgentSession; i++) caps.takeUpgrade(null, 'session-c');
  const socket = held(null, 'session-c');
  caps.release(socket);
  expect(caps.takeUpgrade(null, 'session-c')).not.toBeNull();
  // The address full, the visitor's socket one of them; it closes (twice, say: a close after an overflow).
  const visitor = held('203.0.113.50', undefined, caps.takeUpgrade('203.0.113.50', undefined)!.addressSlot);
  for (let i = 1; i < SOCKET_CAPS.perAddress; i++) caps.takeUpgrade('203.0.113.50', undefined);
  caps.release(visitor);
  expect(visitor.addressSlot).toBe(false);
  caps.release(visitor);
  // Exactly one slot came back.
  expect(caps.takeUpgrade('203.0.113.50', undefined)).not.toBeNull();
  expect(caps.takeUpgrade('203.0.113.50', undefined)).toBeNull();
});
