// Short version of scripts/faults/sigterm.ts: SIGTERM with 15 sends in flight finishes them,
// closes sockets with the resume code and exits cleanly, without MongoClientClosedError.
import { expect, test } from 'bun:test';
import { runSigterm } from '../../scripts/faults/sigterm';
import { CLOSE_CODES } from '../../shared/protocol/messages';

test('SIGTERM with 15 sends in flight: clean exit, no MongoClientClosedError, every acked message delivered', async () => {
  const r = await runSigterm({ runs: 1, window: 15, total: 45 });
  expect(r.exitCodes).toEqual([0]);
  expect(r.mongoClientClosedErrors).toBe(0);
  expect(r.undeliveredAcked).toBe(0);
  expect(r.ackedLost + r.duplicated + r.outOfSendOrder).toBe(0);
  expect(r.agentCloseCodes[0]![0]).toBe(CLOSE_CODES.RESUME);
}, 20_000);
