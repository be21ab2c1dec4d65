import { describe, expect, test } from 'bun:test';
import { checkWebhookTarget, isPrivateAddress, resolveWebhookTarget } from './address-guard';

describe('isPrivateAddress', () => {
  test.each([
    '127.0.0.1', '127.255.0.9', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254',
    '100.64.0.1', '0.0.0.0', '224.0.0.1', '255.255.255.255', '198.18.0.1',
    '::1', '::', '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:10.0.0.1', 'fc00::1', 'fd12:3456::1', 'fe80::1%eth0',
    'ff02::1', '2001:db8::1', '64:ff9b::a00:1', '::127.0.0.1', 'not-an-ip', '',
  ])('%s is refused', (ip) => expect(isPrivateAddress(ip)).toBe(true));

  test.each(['8.8.8.8', '1.1.1.1', '172.32.0.1', '100.128.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8', '64:ff9b::808:808'])(
    '%s is public',
    (ip) => expect(isPrivateAddress(ip)).toBe(false),
  );
});

describe('checkWebhookTarget', () => {
  const resolveTo = (...addresses: string[]) => () => Promise.resolve(addresses);

  test('literal private hosts are refused without asking DNS, in any spelling the URL parser accepts', async () => {
    const never = () => Promise.reject(new Error('no DNS for literals'));
    for (const url of ['http://127.0.0.1/hook', 'http://0x7f000001/', 'http://2130706433/', 'http://[::1]:8080/', 'https://[::ffff:169.254.169.254]/', 'http://10.0.0.1']) {
      const res = await checkWebhookTarget(url, { allowPrivate: false, resolve: never });
      expect(res.ok, url).toBe(false);
    }
  });

  test('a name is refused when any of its addresses is private', async () => {
    expect((await checkWebhookTarget('https://bot.example/h', { allowPrivate: false, resolve: resolveTo('93.184.216.34', '10.0.0.5') })).ok).toBe(false);
    expect((await checkWebhookTarget('https://bot.example/h', { allowPrivate: false, resolve: resolveTo('93.184.216.34') })).ok).toBe(true);
  });

  test('unresolvable names, other schemes and credentials are refused', async () => {
    const fail = () => Promise.reject(new Error('ENOTFOUND'));
    expect(await checkWebhookTarget('https://nowhere.invalid/', { allowPrivate: false, resolve: fail })).toMatchObject({ ok: false });
    expect(await checkWebhookTarget('ftp://bot.example/', { allowPrivate: true })).toMatchObject({ ok: false });
    expect(await checkWebhookTarget('https://u:p@bot.example/', { allowPrivate: true })).toMatchObject({ ok: false });
    expect(await checkWebhookTarget('not a url', { allowPrivate: true })).toMatchObject({ ok: false });
  });

  test('WEBHOOK_ALLOW_PRIVATE lets loopback through (tests, on-premise bots)', async () => {
    expect((await checkWebhookTarget('http://127.0.0.1:9000/hook', { allowPrivate: true })).ok).toBe(true);
  });
});

describe('resolveWebhookTarget (the addresses a delivery is pinned to)', () => {
  const resolveTo = (...addresses: string[]) => () => Promise.resolve(addresses);
  const never = () => Promise.reject(new Error('no DNS for literals'));

  test('a name is resolved once and its addresses returned, private ones refused unless allowed', async () => {
    expect(await resolveWebhookTarget('https://bot.example/h', { allowPrivate: false, resolve: resolveTo('93.184.216.34') })).toMatchObject({ ok: true, host: 'bot.example', addresses: ['93.184.216.34'] });
    expect((await resolveWebhookTarget('https://bot.example/h', { allowPrivate: false, resolve: resolveTo('93.184.216.34', '10.0.0.5') })).ok).toBe(false);
    // Allowed private targets are still pinned: the connection never resolves on its own.
    expect(await resolveWebhookTarget('http://bot.local:9000/h', { allowPrivate: true, resolve: resolveTo('127.0.0.1') })).toMatchObject({ ok: true, addresses: ['127.0.0.1'] });
  });

  test('literal addresses need no DNS; bad URLs and unresolvable names are refused', async () => {
    expect(await resolveWebhookTarget('http://[2606:4700:4700::1111]/h', { allowPrivate: false, resolve: never })).toMatchObject({ ok: true, addresses: ['2606:4700:4700::1111'] });
    expect((await resolveWebhookTarget('http://127.0.0.1/h', { allowPrivate: false, resolve: never })).ok).toBe(false);
    expect((await resolveWebhookTarget('ftp://bot.example/', { allowPrivate: true, resolve: never })).ok).toBe(false);
    expect(await resolveWebhookTarget('https://nowhere.invalid/', { allowPrivate: true, resolve: never })).toMatchObject({ ok: false });
    expect(await resolveWebhookTarget('https://empty.example/', { allowPrivate: true, resolve: resolveTo() })).toMatchObject({ ok: false });
  });
});
