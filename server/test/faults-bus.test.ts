// Short version of scripts/faults/bus.ts (its own redis-server, killed by its pid): during the
// outage acks stay fast and the visitor's instance keeps delivering; a server starts while Redis
// is down; /health says degraded naming the bus; once it is back every agent socket holds every
// stored message within 5 s.
import { expect, test } from 'bun:test';
import { runBusOutage } from '../../scripts/faults/bus';

test('the bus killed for 2 s across two instances: local delivery goes on, every agent catches up within 5 s of its return', async () => {
  const r = await runBusOutage({ outageMs: 2_000, paceMs: 100 });
  expect(r.ackedDuringOutage).toBeGreaterThan(0);
  expect(r.ackMsDuringOutage.max).toBeLessThan(1_000);
  expect(r.agentOnBHeldByOutageEnd).toBe(r.storedByOutageEnd);
  expect(r.thirdInstanceStartedWhileRedisDown).toBe(true);
  expect(r.msAfterBusReturnUntilAgentHoldsAll.agentOnA).not.toBeNull();
  expect(r.msAfterBusReturnUntilAgentHoldsAll.agentOnA!).toBeLessThanOrEqual(5_000);
  expect(r.msAfterBusReturnUntilAgentHoldsAll.agentOnB!).toBeLessThanOrEqual(5_000);
  expect(r.agentOnAOutOfSeqOrder + r.agentOnBOutOfSeqOrder).toBe(0);
  // /health names the bus while it is down, and is ok again once it is back.
  expect(r.healthOnADuringOutage).toMatchObject({ status: 'degraded', bus: { kind: 'redis', status: 'down' }, database: { status: 'up' } });
  expect(r.healthOnAAfter).toMatchObject({ status: 'ok', bus: { kind: 'redis', status: 'up' } });
}, 20_000);
