// The built widget in Chromium, files and the unresponsive-agent choice: checks before upload,
// real XHR progress, previews through blob: URLs, upload refusals read as sentences (never the
// server's words), and the choice buttons over the socket or, when it is down, over REST.
import { expect, test } from 'bun:test';
import type { Page } from 'playwright-core';
import { browserSuite, open, send, T, untilConfirmed, untilTranscript, type HelperWindow } from './harness';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

const fileInput = (page: Page) => page.locator('phoenix-chat-composer input[type=file]');

browserSuite('widget in Chromium: files and choices', (s) => {
  test('upload: type errors before sending, progress bar during upload, image preview through a blob URL', async () => {
    const { page, context } = await s.setup();
    await open(page);
    const input = fileInput(page);
    await input.setInputFiles({ name: 'setup.exe', mimeType: 'application/x-msdownload', buffer: Buffer.from('MZ') });
    await page.locator('phoenix-chat-composer .problems').getByText('this file type is not supported').waitFor();
    expect(s.server.log.requests.filter((r) => r.includes('/files'))).toEqual([]);

    // Throttle uploads so progress is observable on loopback.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 1024 * 1024 });
    const big = Buffer.concat([PNG, Buffer.alloc(3 * 1024 * 1024)]); // still a PNG to the browser
    await input.setInputFiles({ name: 'screenshot.png', mimeType: 'image/png', buffer: big });
    // Every frame, note the bars' values, until a bar has been seen and none is left.
    const seen = await page.waitForFunction(
      () => {
        const w = window as HelperWindow & { __seen?: number[] };
        const values = [...(w.__phx.root('composer')?.querySelectorAll('progress') ?? [])].map((p) => p.value);
        w.__seen = [...(w.__seen ?? []), ...values];
        return w.__seen.length > 0 && values.length === 0 ? w.__seen : null;
      },
      undefined,
      { polling: 'raf', timeout: 15_000 },
    );
    expect(((await seen.jsonValue()) as number[]).some((v) => v > 0 && v < 100)).toBe(true);
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });

    await send(page, 'here is the screenshot');
    const img = page.locator('phoenix-chat-message img');
    await img.waitFor();
    expect(await img.getAttribute('src')).toStartWith('blob:');
    expect(await img.getAttribute('alt')).toBe('screenshot.png');
    const stored = s.server.messages.get(s.server.onlyChat().id)!;
    expect(stored.map((m) => [m.text, m.attachments.map((a) => a.name)])).toEqual([['here is the screenshot', ['screenshot.png']]]);
  }, T);

  test('upload refused: a bare 413 and a validation error read as sentences, never as the server wrote them', async () => {
    const { page } = await s.setup();
    await open(page);
    const chip = page.locator('phoenix-chat-composer .chip.error .fname');

    // Bun answers a body over its limit with a 413 and nothing else.
    s.server.control.refuseUploads = { status: 413, body: null };
    await fileInput(page).setInputFiles({ name: 'huge.png', mimeType: 'image/png', buffer: PNG });
    await chip.waitFor();
    expect(await chip.textContent()).toBe('huge.png — This file is too large to send.');
    await page.getByRole('button', { name: 'Remove huge.png' }).click();
    await chip.waitFor({ state: 'detached' });

    s.server.control.refuseUploads = {
      status: 400,
      body: { error: { code: 'VALIDATION', message: "body.file: Expected kind 'File'", field: 'body.file' } },
    };
    await fileInput(page).setInputFiles({ name: 'odd.png', mimeType: 'image/png', buffer: PNG });
    await chip.waitFor();
    expect(await chip.textContent()).toBe('odd.png — This file could not be accepted.');
    expect(await page.locator('phoenix-chat-composer').evaluate((c) => c.shadowRoot!.textContent)).not.toContain('body.file');
  }, T);

  test('unresponsive agent: two choice buttons; "another agent" goes over the socket and shows the reassignment', async () => {
    const { page } = await s.setup();
    const { server } = s;
    await open(page);
    await send(page, 'hello');
    await untilConfirmed(page, 'hello');
    const chat = server.onlyChat();
    server.assign(chat.id);
    server.offerChoice(chat.id);
    const buttons = page.locator('phoenix-chat-message .actions button');
    await buttons.first().waitFor();
    // Labelled from the widget's own table by action id (the server's labels are English only).
    expect(await buttons.allTextContents()).toEqual(['Talk to another agent', 'Keep waiting']);
    await buttons.first().click();
    await server.waitFor(() => server.log.choices.length === 1, 'choice frame');
    expect(server.log.choices).toEqual(['another_agent']);
    await untilTranscript(page, { has: ['You are now chatting with Bob.'] });
    await page.locator('phoenix-chat-message .actions').waitFor({ state: 'detached' });
    // Each assignment came with a system message naming the agent: no local "joined" notice repeats it.
    expect(await page.locator('phoenix-chat-panel li.notice').count()).toBe(0);
  }, T);

  test('choice falls back to POST /choice when the socket is down', async () => {
    const { page } = await s.setup();
    const { server } = s;
    await open(page);
    await send(page, 'hello');
    await untilConfirmed(page, 'hello');
    const chat = server.onlyChat();
    server.assign(chat.id, false);
    server.agentSays(chat.id, 'Let me check.');
    server.offerChoice(chat.id);
    const keep = page.locator('phoenix-chat-message .actions button', { hasText: 'Keep waiting' });
    await keep.waitFor();
    // Without assigneeName the header falls back to the agent's name from their messages.
    expect(await page.locator('phoenix-chat-panel .status').textContent()).toBe('You are chatting with Ann');
    server.control.socketsDown = true;
    server.dropSockets();
    await page.locator('phoenix-chat-panel .banner').getByText('Reconnecting').waitFor();
    await keep.click();
    await server.waitFor(() => server.log.requests.includes(`POST /api/widget/chats/${chat.id}/choice`), 'REST choice');
    await page.locator('phoenix-chat-message .actions').waitFor({ state: 'detached' });
    expect(server.chats.get(chat.id)!.awaitingChoice).toBe(false);
    server.control.socketsDown = false;
  }, T);
});
