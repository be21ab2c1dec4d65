import { expect, test } from 'bun:test';
import { createClientAddresses } from '../caches/client-addresses';
import { clientIp } from './client-ip';

const request = (headers: Record<string, string> = {}) => new Request('http://phoenix.test/api/auth/login', { headers });

test.each([
  ['the socket address the runtime noted', false, '10.0.0.7', {}, '10.0.0.7'],
  ['X-Forwarded-For is ignored unless the proxy is trusted', false, '10.0.0.7', { 'x-forwarded-for': '203.0.113.9' }, '10.0.0.7'],
  ['behind a trusted proxy, the first X-Forwarded-For hop', true, '10.0.0.7', { 'x-forwarded-for': '203.0.113.9, 10.0.0.1' }, '203.0.113.9'],
  ['a trusted proxy that sent no header: the socket address', true, '10.0.0.7', {}, '10.0.0.7'],
  ['a request the runtime never saw (app.handle in a test)', false, null, {}, 'unknown'],
] as const)('%s', (_what, trustProxy, noted, headers, expected) => {
  const clientAddresses = createClientAddresses();
  const req = request(headers);
  if (noted) clientAddresses.remember(req, () => noted);
  expect(clientIp({ config: { trustProxy }, clientAddresses }, req)).toBe(expected);
});

test('each request keeps its own address', () => {
  const clientAddresses = createClientAddresses();
  const [a, b] = [request(), request()];
  clientAddresses.remember(a, () => '192.0.2.1');
  clientAddresses.remember(b, () => '192.0.2.2');
  expect([clientIp({ config: { trustProxy: false }, clientAddresses }, a), clientIp({ config: { trustProxy: false }, clientAddresses }, b)]).toEqual(['192.0.2.1', '192.0.2.2']);
});
