// Issue 16 in Chromium: an organization enrolled by the bot platform (its agent signs in with the
// password the platform's bcrypt hash was made from), a handoff whose transcript carries a file,
// and a file relayed later through the API — the agent sees both in the console like visitor files.
import { deflateSync } from 'node:zlib';
import { afterAll, beforeAll, expect, test } from 'bun:test';
import type { Browser } from 'playwright-core';
import { launchBrowser, screenshot } from '../helpers/browser';
import { signedInPage, UI_TIMEOUT, uniqueEmail } from '../helpers/console';
import { startE2EServer, type E2EServer } from '../helpers/server';
import { until } from '../helpers/wait';

const PLATFORM_KEY = 'e2e-platform-credential-0123456789abcdef';
/** A small gradient picture (PNG, RGB), so the screenshot shows a real thumbnail. */
function gradientPng(width: number, height: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const b of bytes) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const head = Buffer.alloc(4);
    head.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const tail = Buffer.alloc(4);
    tail.writeUInt32BE(crc(body));
    return Buffer.concat([head, body, tail]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) rows.set([40 + (x * 200) / width, 90 + (y * 120) / height, 200], y * (width * 3 + 1) + 1 + x * 3);
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

let server: E2EServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startE2EServer({ PLATFORM_API_KEY: PLATFORM_KEY }), launchBrowser()]);
}, 30_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
}, 30_000);

async function call(path: string, method: string, body: unknown, auth: string) {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${auth}`, ...(body instanceof FormData ? {} : { 'content-type': 'application/json' }) },
    body: body instanceof FormData ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
}

test('an enrolled agent signs in with their platform password and sees the relayed files', async () => {
  const agent = { email: uniqueEmail('flowxo-agent'), password: 'platform password 7' };
  const enrolled = await call(
    `/api/platform/v1/organizations/acct-e2e-${Date.now()}`,
    'PUT',
    {
      name: 'Flow XO Customer',
      owner: { email: uniqueEmail('flowxo-owner'), name: 'Olga Owner', passwordHash: await Bun.password.hash('owner password 7', { algorithm: 'argon2id' }) },
      members: [{ email: agent.email, name: 'Bea Agent', role: 'agent', passwordHash: await Bun.password.hash(agent.password, { algorithm: 'bcrypt', cost: 4 }) }],
    },
    PLATFORM_KEY,
  );
  expect(enrolled.status).toBe(201);
  const key = enrolled.body.apiKey.key as string;

  const opened = await call(
    '/api/v1/chats',
    'POST',
    {
      handoffId: 'e2e-1',
      contact: { botUserId: 'wa-1', channel: 'whatsapp', name: 'Cleo Contact' },
      transcript: [
        { author: 'contact', text: 'Here is a photo of the damage', attachments: [{ name: 'damage.png', contentBase64: gradientPng(160, 100).toString('base64') }] },
        { author: 'bot', text: 'Thanks! Handing you to a person.' },
      ],
    },
    key,
  );
  expect(opened.status).toBe(201);
  const chatId = opened.body.chat.id as string;
  const form = new FormData();
  form.append('file', new File([new TextEncoder().encode('%PDF-1.4\n% the invoice\n')], 'invoice.pdf'));
  const uploaded = await call(`/api/v1/chats/${chatId}/files`, 'POST', form, key);
  expect(uploaded.status).toBe(201);
  expect((await call(`/api/v1/chats/${chatId}/messages`, 'POST', { text: 'And my invoice', clientId: 'm-1', fileIds: [uploaded.body.id] }, key)).status).toBe(201);

  const { context, page, errors } = await signedInPage(browser, server.url, agent.email, agent.password);
  await page.goto(`${server.url}/chats/${chatId}`);
  const log = page.getByRole('log');
  const image = log.locator('img[alt="damage.png"]');
  await image.waitFor({ timeout: UI_TIMEOUT });
  await until('the image to load', () => image.evaluate((img) => (img as HTMLImageElement).naturalWidth), (w) => w > 0);
  await log.getByRole('link', { name: /invoice\.pdf/ }).waitFor({ timeout: UI_TIMEOUT });
  await log.getByText('And my invoice').waitFor({ timeout: UI_TIMEOUT });
  await screenshot(page, 'platform-relayed-files');
  expect(errors).toEqual([]);
  await context.close();
}, 60_000);
