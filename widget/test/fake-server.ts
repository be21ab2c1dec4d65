// A test double of the server's visitor surface (shared/api/routes.md "Visitors" + /ws/visitor),
// enough to drive the built widget in Chromium: it serves dist/widget the way the real server
// will (/widget.js and /widget/assets/*, with CORS, since the host page is another origin),
// keeps chats and messages in memory, validates every socket frame with the shared validator,
// and exposes handles for the test to play the agent's side and to break the network.
// The real-server e2e comes later; this pins down the contract as the widget reads it.
// Tests never sleep: `waitFor(check)` re-checks after every request, frame and socket event.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Server, ServerWebSocket } from 'bun';
import { clientMessage, type ServerMessage } from '../../shared/protocol/messages';
import type { AttachmentDto, ChatDto, MessageDto, WidgetConfigDto } from '../../shared/types/dto';
import type { ErrorBody, ErrorCode } from '../../shared/errors';
import { chatDto, CORS, fakeConfig, hex, now } from './fake-data';
import { hostPages, ORG } from './fake-pages';
import { protections, refuseExpired, restRefusal } from './fake-protections';
import { Waiters } from './wait';

export { ORG };

interface Contact {
  id: string;
  userId: string | null;
}
interface WsData {
  contactId: string | null;
  chats: Set<string>;
}
interface StoredFile {
  attachment: AttachmentDto;
  bytes: Uint8Array<ArrayBuffer>;
  owner: string;
}

export function startFakeServer(distDir: string) {
  const config: WidgetConfigDto = fakeConfig();
  const tokens = new Map<string, Contact>();
  const chats = new Map<string, ChatDto>();
  const messages = new Map<string, MessageDto[]>();
  const files = new Map<string, StoredFile>();
  const sockets = new Set<ServerWebSocket<WsData>>();
  const log = {
    requests: [] as string[],
    sessions: [] as Record<string, unknown>[],
    frames: [] as Record<string, unknown>[],
    subscribes: [] as { chatId: string; afterSeq: number }[],
    choices: [] as string[],
    typing: [] as boolean[],
    /** `afterSeq` of every history page asked for. */
    history: [] as number[],
    /** Frames `control.withhold` kept from the widget. */
    withheld: [] as ServerMessage[],
  };
  const control = {
    /** Refuse sockets (server "down"). */
    socketsDown: false,
    /** Texts the server refuses with VALIDATION (once each, so retry works). */
    refuseOnce: new Set<string>(),
    /** Don't ack (simulates a slow server / lost acks). */
    holdAcks: false,
    /** The visitor API answers 503 (server starting, or overloaded). */
    restDown: false,
    identitySecretOk: (userId: string, hash: string) => hash === `hash-of-${userId}`,
    /** Refuse uploads with this status and body (null body: an empty answer, as Bun's 413). */
    refuseUploads: null as { status: number; body: ErrorBody | null } | null,
    /** Frames lost on the way to the widget (logged in `log.withheld`). */
    withhold: null as ((frame: ServerMessage) => boolean) | null,
    ...protections(),
  };

  // Re-checked after every request, frame and socket event (see the handlers below).
  const waiters = new Waiters();
  const changed = (): void => waiters.changed();

  const err = (status: number, code: ErrorCode, message: string): Response =>
    Response.json({ error: { code, message } } satisfies ErrorBody, { status, headers: CORS });
  const ok = (data: unknown, status = 200): Response => Response.json(data, { status, headers: CORS });

  function contactOf(req: Request): Contact | null {
    const auth = req.headers.get('authorization') ?? '';
    return auth.startsWith('Bearer ') ? (tokens.get(auth.slice(7)) ?? null) : null;
  }

  function send(ws: ServerWebSocket<WsData>, frame: ServerMessage): void {
    if (control.withhold?.(frame)) return void log.withheld.push(frame);
    ws.send(JSON.stringify(frame));
  }

  function broadcast(chatId: string, frame: ServerMessage, except?: ServerWebSocket<WsData>): void {
    for (const ws of sockets) if (ws !== except && ws.data.chats.has(chatId)) send(ws, frame);
  }

  function newChat(contact: Contact): ChatDto {
    const chat = chatDto(contact.id, config.team.id);
    chats.set(chat.id, chat);
    messages.set(chat.id, []);
    if (!config.team.open && config.team.afterHoursMessage) post(chat.id, { kind: 'system', id: null, name: null }, config.team.afterHoursMessage);
    return chat;
  }

  /** Store a message (idempotent on clientId) and fan it out. */
  function post(
    chatId: string,
    author: MessageDto['author'],
    text: string,
    extra: { clientId?: string; attachmentIds?: string[]; actions?: MessageDto['actions']; silent?: boolean } = {},
  ): { message: MessageDto; duplicate: boolean } {
    const list = messages.get(chatId)!;
    const dup = extra.clientId ? list.find((m) => m.clientId === extra.clientId) : undefined;
    if (dup) return { message: dup, duplicate: true };
    const chat = chats.get(chatId)!;
    const message: MessageDto = {
      id: `msg_${hex(6)}`,
      chatId,
      seq: chat.lastSeq + 1,
      clientId: extra.clientId ?? null,
      author,
      text,
      attachments: (extra.attachmentIds ?? []).flatMap((id) => (files.has(id) ? [files.get(id)!.attachment] : [])),
      actions: extra.actions ?? [],
      createdAt: now(),
    };
    list.push(message);
    chat.lastSeq = message.seq;
    if (!extra.silent) broadcast(chatId, { type: 'message.created', message });
    return { message, duplicate: false };
  }

  function updateChat(chatId: string, patch: Partial<ChatDto>, type: 'chat.updated' | 'chat.assigned' | 'chat.ended' = 'chat.updated'): void {
    const chat = { ...chats.get(chatId)!, ...patch };
    chats.set(chatId, chat);
    if (type === 'chat.assigned') broadcast(chatId, { type, chat, byUserId: null });
    else broadcast(chatId, { type, chat });
  }

  const agent = (name = 'Ann', id = 'agent_ann'): MessageDto['author'] => ({ kind: 'agent', id, name });

  function serveFile(path: string, type: string): Response {
    const file = join(distDir, path);
    if (!existsSync(file)) return new Response('not found', { status: 404, headers: CORS });
    return new Response(readFileSync(file), { headers: { ...CORS, 'Content-Type': type } });
  }

  const api = Bun.serve<WsData>({
    port: 0,
    hostname: '127.0.0.1',
    async fetch(req, server) {
      try {
        return await handle(req, server);
      } finally {
        changed();
      }
    },
    websocket: {
      open(ws) {
        sockets.add(ws);
        changed();
      },
      close(ws) {
        sockets.delete(ws);
        changed();
      },
      message(ws, raw) {
        onFrame(ws, raw);
        changed();
      },
    },
  });

  async function handle(req: Request, server: Server<WsData>): Promise<Response | undefined> {
    const url = new URL(req.url);
    const path = url.pathname;
    // Not logged: a page fetches it to prove its earlier requests have been answered.
    if (path === '/__probe') return new Response('ok', { headers: CORS });
    log.requests.push(`${req.method} ${path}`);
    if (req.method === 'OPTIONS') return new Response(null, { status: 204, headers: CORS });
    if (path === '/widget.js') return serveFile('widget.js', 'text/javascript');
    if (path.startsWith('/widget/assets/')) return serveFile(path.slice('/widget/'.length), 'text/javascript');
    if (path === '/ws/visitor') {
      if (control.socketsDown) return new Response('down', { status: 503 });
      return server.upgrade(req, { data: { contactId: null, chats: new Set() } }) ? undefined : new Response('no', { status: 400 });
    }
    if (control.restDown && path.startsWith('/api/')) return err(503, 'UNAVAILABLE', 'starting up');
    const refused = restRefusal(control, req, path);
    if (refused) return refused;
    if (path === '/api/widget/config') {
      return url.searchParams.get('org') === ORG ? ok(config) : err(404, 'NOT_FOUND', 'unknown widget key');
    }
    if (path === '/api/widget/session' && req.method === 'POST') {
      const body = (await req.json()) as { org?: string; token?: string; userId?: string; userHash?: string };
      log.sessions.push(body);
      if (body.org !== ORG) return err(404, 'NOT_FOUND', 'unknown widget key');
      const identified = !!(body.userId && body.userHash && control.identitySecretOk(body.userId, body.userHash));
      if (body.token && tokens.has(body.token) && !control.expired.has(body.token) && (!identified || tokens.get(body.token)!.userId === body.userId)) {
        const c = tokens.get(body.token)!;
        return ok({ token: body.token, contactId: c.id, identified: c.userId !== null });
      }
      const token = hex(32);
      const existing = identified ? [...tokens.values()].find((c) => c.userId === body.userId) : undefined;
      const contact = existing ?? { id: `contact_${hex(6)}`, userId: identified ? body.userId! : null };
      tokens.set(token, contact);
      return ok({ token, contactId: contact.id, identified });
    }
    if (path.startsWith('/api/widget/')) {
      const contact = contactOf(req);
      if (!contact) return err(401, 'UNAUTHENTICATED', 'visitor token required');
      const mine = [...chats.values()].filter((c) => c.contactId === contact.id);
      if (path === '/api/widget/chats' && req.method === 'GET') return ok({ items: mine.reverse() });
      if (path === '/api/widget/chats' && req.method === 'POST') {
        const open = mine.find((c) => c.status !== 'ended');
        return ok(open ?? newChat(contact));
      }
      const m = path.match(/^\/api\/widget\/chats\/([^/]+)\/(messages|choice)$/);
      if (m) {
        const chat = chats.get(m[1]!);
        if (!chat || chat.contactId !== contact.id) return err(404, 'NOT_FOUND', 'no such chat');
        if (m[2] === 'messages' && req.method === 'GET') {
          const after = Number(url.searchParams.get('afterSeq') ?? 0);
          log.history.push(after);
          const limit = Number(url.searchParams.get('limit') ?? 50);
          return ok({ items: messages.get(chat.id)!.filter((x) => x.seq > after).slice(0, limit) });
        }
        if (m[2] === 'messages' && req.method === 'POST') {
          const body = (await req.json()) as { clientId: string; text: string; attachmentIds?: string[] };
          return ok(post(chat.id, { kind: 'contact', id: contact.id, name: null }, body.text, body).message);
        }
        if (m[2] === 'choice' && req.method === 'POST') {
          const body = (await req.json()) as { choice: string };
          applyChoice(chat.id, body.choice);
          return ok(chats.get(chat.id));
        }
      }
      if (path === '/api/widget/files' && req.method === 'POST') {
        const refusal = control.refuseUploads;
        if (refusal) return refusal.body ? Response.json(refusal.body, { status: refusal.status, headers: CORS }) : new Response(null, { status: refusal.status, headers: CORS });
        const form = await req.formData();
        const file = form.get('file');
        const chatId = String(form.get('chatId'));
        if (!(file instanceof Blob) || !chats.has(chatId)) return err(400, 'VALIDATION', 'file and chatId required');
        const id = `file_${hex(6)}`;
        const attachment: AttachmentDto = {
          id,
          name: (file as File).name,
          contentType: file.type || 'application/octet-stream',
          size: file.size,
          url: `/api/widget/files/${id}`,
        };
        files.set(id, { attachment, bytes: new Uint8Array(await file.arrayBuffer()), owner: contact.id });
        return ok(attachment);
      }
      const f = path.match(/^\/api\/widget\/files\/([^/]+)$/);
      if (f) {
        const stored = files.get(f[1]!);
        if (!stored || stored.owner !== contact.id) return err(404, 'NOT_FOUND', 'no such file');
        return new Response(stored.bytes as Uint8Array<ArrayBuffer>, {
          headers: { ...CORS, 'Content-Type': stored.attachment.contentType, 'X-Content-Type-Options': 'nosniff' },
        });
      }
    }
    return err(404, 'NOT_FOUND', 'no route');
  }

  function onFrame(ws: ServerWebSocket<WsData>, raw: string | Buffer): void {
    let data: unknown;
    try {
      data = JSON.parse(String(raw));
    } catch {
      return send(ws, { type: 'error', code: 'VALIDATION', message: 'not JSON' });
    }
    const checked = clientMessage(data, '');
    if (!checked.ok) return send(ws, { type: 'error', code: 'VALIDATION', message: checked.message, field: checked.field });
    const frame = checked.value;
    log.frames.push(frame as Record<string, unknown>);
    if (frame.type === 'auth') {
      if (control.expired.has(frame.token)) return refuseExpired(ws);
      const contact = tokens.get(frame.token);
      if (!contact) return ws.close(4401, 'unauthorized');
      ws.data.contactId = contact.id;
      return send(ws, { type: 'ready', as: 'visitor', contactId: contact.id, orgId: 'org1' });
    }
    if (!ws.data.contactId) return ws.close(4401, 'auth first');
    if (frame.type === 'ping') return send(ws, { type: 'pong', ...(frame.id ? { id: frame.id } : {}) });
    const chat = 'chatId' in frame ? chats.get(frame.chatId) : undefined;
    if (!chat || chat.contactId !== ws.data.contactId)
      return send(ws, { type: 'error', code: 'NOT_FOUND', message: 'no such chat', replyTo: frame.type === 'message.send' ? frame.clientId : frame.type });
    switch (frame.type) {
      case 'chat.subscribe': {
        log.subscribes.push({ chatId: chat.id, afterSeq: frame.afterSeq });
        ws.data.chats.add(chat.id);
        for (const message of messages.get(chat.id)!.filter((x) => x.seq > frame.afterSeq)) send(ws, { type: 'message.created', message });
        return send(ws, { type: 'chat.replayed', chatId: chat.id, lastSeq: chat.lastSeq });
      }
      case 'chat.unsubscribe':
        ws.data.chats.delete(chat.id);
        return;
      case 'message.send': {
        if (control.refuseOnce.delete(frame.text))
          return send(ws, { type: 'error', code: 'VALIDATION', message: 'Message refused', replyTo: frame.clientId });
        if (control.tooFastOnce.delete(frame.text)) return send(ws, { type: 'error', code: 'RATE_LIMITED', message: 'too fast', replyTo: frame.clientId, retryAfterSeconds: 1 });
        // holdAcks: stored, but the sender hears nothing (neither ack nor its own broadcast).
        const { message, duplicate } = post(chat.id, { kind: 'contact', id: ws.data.contactId, name: null }, frame.text, {
          ...frame,
          silent: true,
        });
        if (!duplicate) broadcast(chat.id, { type: 'message.created', message }, control.holdAcks ? ws : undefined);
        if (!control.holdAcks) send(ws, { type: 'ack', clientId: frame.clientId, chatId: chat.id, message });
        return;
      }
      case 'typing':
        log.typing.push(frame.typing);
        return;
      case 'choice':
        log.choices.push(frame.choice);
        return applyChoice(chat.id, frame.choice);
    }
  }

  function applyChoice(chatId: string, choice: string): void {
    updateChat(chatId, { awaitingChoice: false });
    if (choice === 'another_agent') {
      updateChat(chatId, { assigneeId: 'agent_bob', assigneeName: 'Bob', status: 'assigned', assignedAt: now() }, 'chat.assigned');
      post(chatId, { kind: 'system', id: null, name: null }, 'You are now chatting with Bob.');
    }
  }

  const host = Bun.serve({
    port: 0,
    hostname: '127.0.0.1',
    fetch(req) {
      const url = new URL(req.url);
      const page = pages[url.pathname];
      return page ? new Response(page(url), { headers: { 'Content-Type': 'text/html; charset=utf-8' } }) : new Response('nope', { status: 404 });
    },
  });

  const apiBase = `http://127.0.0.1:${api.port}`;
  // The host page lives on another origin ("localhost" vs "127.0.0.1", other port), like a customer's site.
  const hostBase = `http://localhost:${host.port}`;
  const pages = hostPages(apiBase);

  return {
    apiBase,
    hostBase,
    config,
    log,
    control,
    /** Resolves once `check()` holds, re-checked whenever the server saw something. */
    waitFor: (check: () => boolean, what: string, ms?: number) => waiters.waitFor(check, what, ms),
    chats,
    messages,
    agent,
    /** Everything the visitor's chats hold, for assertions. */
    onlyChat(): ChatDto {
      const all = [...chats.values()];
      if (all.length !== 1) throw new Error(`expected one chat, found ${all.length}`);
      return all[0]!;
    },
    agentSays(chatId: string, text: string, name = 'Ann'): MessageDto {
      return post(chatId, agent(name), text).message;
    },
    /** Stored while no socket is listening (server "down"): the widget must fetch it on resume. */
    agentSaysSilently(chatId: string, text: string): MessageDto {
      return post(chatId, agent(), text, { silent: true }).message;
    },
    /** A crash took the next seq and stored nothing: that seq will never exist. */
    burnSeq(chatId: string): void {
      chats.get(chatId)!.lastSeq++;
    },
    agentTyping(chatId: string, typing: boolean, name = 'Ann'): void {
      broadcast(chatId, { type: 'typing', chatId, author: { kind: 'agent', id: 'agent_ann', name }, typing });
    },
    /** `withName: false` plays a server that omits assigneeName: the widget falls back to message authors. */
    assign(chatId: string, withName = true): void {
      updateChat(chatId, { assigneeId: 'agent_ann', assigneeName: withName ? 'Ann' : null, status: 'assigned', assignedAt: now() }, 'chat.assigned');
    },
    offerChoice(chatId: string): void {
      updateChat(chatId, { awaitingChoice: true });
      post(chatId, { kind: 'system', id: null, name: null }, 'Ann has not answered yet. What would you like to do?', {
        actions: [
          { id: 'another_agent', label: 'Another agent' },
          { id: 'keep_waiting', label: 'Keep waiting' },
        ],
      });
    },
    end(chatId: string): void {
      updateChat(chatId, { status: 'ended', endedAt: now() }, 'chat.ended');
    },
    /** Drop every visitor socket, as a server restart (or a resume close: 4012, 4029) would. */
    dropSockets(code = 1012): void {
      for (const ws of sockets) ws.close(code, 'restart');
      sockets.clear();
    },
    socketCount: () => sockets.size,
    async stop(): Promise<void> {
      await Promise.all([api.stop(true), host.stop(true)]);
    },
  };
}

export type FakeServer = ReturnType<typeof startFakeServer>;
