// Short version of scripts/faults/paused.ts: an agent socket that stops reading is closed past
// its backpressure limit (code 4029, logged), reconnects, resumes and ends with every message.
import { expect, test } from 'bun:test';
import { runPaused } from '../../scripts/faults/paused';
import { CLOSE_CODES } from '../../shared/protocol/messages';

test('a paused agent socket is closed with 4029 past its limit, then resumes to every message', async () => {
  const r = await runPaused({ total: 700, limitBytes: 65_536, textSize: 8_000, timeoutMs: 15_000 });
  expect(r.closeCode).toBe(CLOSE_CODES.BACKPRESSURE);
  expect(r.closedLogLines).toBe(1);
  expect(r.receivedBeforeClose).toBeLessThan(700);
  expect(r.agentEndsWithAll).toBe(true);
  expect(r.agentHolds).toBe(r.stored);
}, 20_000);
