// Short version of scripts/faults/kill9.ts: the server process killed with -9 twice while a
// visitor has 8 sends in flight; nothing acked is lost, nothing is stored twice or out of send
// order, and the agent ends with every message, each received in seq order.
import { expect, test } from 'bun:test';
import { runKill9 } from '../../scripts/faults/kill9';

test('kill -9 twice during 120 sends with 8 in flight: no acked loss, no duplicate, send order kept, agent has all in seq order', async () => {
  const r = await runKill9({ total: 120, window: 8, kills: [40, 80], timeoutMs: 15_000 });
  expect({ ackedLost: r.ackedLost, duplicated: r.duplicated, outOfSendOrder: r.outOfSendOrder, agentOutOfSeqOrder: r.agentOutOfSeqOrder }).toEqual({
    ackedLost: 0,
    duplicated: 0,
    outOfSendOrder: 0,
    agentOutOfSeqOrder: 0,
  });
  expect(r.stored).toBe(120);
  expect(r.agentHasAll).toBe(true);
}, 20_000);
