// Issue 18 item 9: the widget's language. The visitor's chosen locale is stored on the contact,
// the automatic messages (after-hours, assigned) are written in it — the organization's text for
// that language when it set one, else the team's — and the config answer carries that
// language's texts. Organization texts are validated with a 400 naming the field.
import { afterAll, beforeAll, beforeEach, expect, test } from 'bun:test';
import { TestClient, startTestServer, type TestServer } from '../testing/harness';
import { seedOrg } from '../testing/routing';
import { waitFor } from '../testing/wait';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer('widget-languages');
});
afterAll(() => server.stop());
// Every test signs up organizations: the sign-up limit is not what this file tests.
beforeEach(() => server.ctx.limiter.reset());

const CLOSED = { timezone: 'UTC', weekly: {}, exceptions: [] };
const TEAM_AFTER_HOURS = 'We are closed; we will answer tomorrow.';
const FR_AFTER_HOURS = 'Nous sommes fermés ; nous vous répondrons demain.';

type Line = { author: { kind: string }; text: string };

async function visitorIn(widgetKey: string, locale: string | undefined) {
  const session = await new TestClient(server.url).post('/api/widget/session', { org: widgetKey, visitor: locale ? { locale } : {} });
  expect(session.status).toBe(200);
  const client = new TestClient(server.url, { authorization: `Bearer ${session.body.token}` });
  return { contactId: session.body.contactId as string, client };
}

async function automaticLines(client: TestClient, body: Record<string, unknown>, count: number): Promise<Line[]> {
  const started = await client.post('/api/widget/chats', body);
  expect([200, 201]).toContain(started.status);
  const chatId = started.body.id as string;
  expect((await client.post(`/api/widget/chats/${chatId}/messages`, { clientId: crypto.randomUUID(), text: 'Bonjour ?' })).status).toBe(201);
  return waitFor(
    async () => {
      const res = await client.get(`/api/widget/chats/${chatId}/messages`);
      const lines = (res.body.items as Line[]).filter((m) => m.author.kind !== 'contact');
      return lines.length >= count ? lines : null;
    },
    { what: `${count} automatic messages` },
  );
}

test('after hours: stored in the visitor’s language with the organization’s text, else the team’s', async () => {
  const org = await seedOrg(server, { agents: 1, team: { schedule: CLOSED, afterHoursMessage: TEAM_AFTER_HOURS } });
  const patched = await org.owner.patch('/api/org', { widgetTexts: { fr: { afterHours: `  ${FR_AFTER_HOURS}  `, greeting: 'Bonjour !' } } });
  expect(patched.status).toBe(200);
  expect(patched.body.widgetTexts).toEqual({ fr: { afterHours: FR_AFTER_HOURS, greeting: 'Bonjour !' } });

  // A French visitor (pt-BR style region tags read their base language) gets the French text…
  const fr = await visitorIn(org.widgetKey, 'fr-CA');
  expect((await org.db.contacts.findOne({}, { sort: { firstSeenAt: -1 } }))?.locale).toBe('fr');
  expect((await automaticLines(fr.client, {}, 1)).map((m) => [m.author.kind, m.text])).toEqual([['system', FR_AFTER_HOURS]]);

  // …a German one (no German text set) and one with no locale get the team's.
  const de = await visitorIn(org.widgetKey, 'de');
  expect((await automaticLines(de.client, {}, 1)).map((m) => m.text)).toEqual([TEAM_AFTER_HOURS]);
  const none = await visitorIn(org.widgetKey, undefined);
  expect((await automaticLines(none.client, {}, 1)).map((m) => m.text)).toEqual([TEAM_AFTER_HOURS]);

  // The locale sent with the chat wins over the session's (the widget sends both).
  const switched = await visitorIn(org.widgetKey, 'de');
  expect((await automaticLines(switched.client, { locale: 'FR' }, 1)).map((m) => m.text)).toEqual([FR_AFTER_HOURS]);

  // Clearing the text ('' ) brings the team's back.
  expect((await org.owner.patch('/api/org', { widgetTexts: { fr: { afterHours: '' } } })).body.widgetTexts).toEqual({ fr: { greeting: 'Bonjour !' } });
  const later = await visitorIn(org.widgetKey, 'fr');
  expect((await automaticLines(later.client, {}, 1)).map((m) => m.text)).toEqual([TEAM_AFTER_HOURS]);
});

test('assigned: the organization’s text for the visitor’s language, with {agent}', async () => {
  const org = await seedOrg(server, { agents: 1, team: { assignedMessage: "Hi! I'm {agent}." } });
  expect((await org.owner.patch('/api/org', { widgetTexts: { nl: { assigned: 'Hoi! Ik ben {agent}.' } } })).status).toBe(200);
  const nl = await visitorIn(org.widgetKey, 'nl-BE');
  expect((await automaticLines(nl.client, {}, 1)).map((m) => [m.author.kind, m.text])).toEqual([['agent', 'Hoi! Ik ben Agent A.']]);
  const es = await visitorIn(org.widgetKey, 'es');
  expect((await automaticLines(es.client, {}, 1)).map((m) => m.text)).toEqual(["Hi! I'm Agent A."]);
});

test('a team’s untouched default texts are written in the visitor’s language', async () => {
  const { defaultTeamSettings } = await import('../domain/team-settings');
  const org = await seedOrg(server, { agents: 0, team: { schedule: CLOSED, afterHoursMessage: defaultTeamSettings().afterHoursMessage } });
  const fr = await visitorIn(org.widgetKey, 'fr');
  expect((await automaticLines(fr.client, {}, 1)).map((m) => m.text)).toEqual([
    'Nous sommes absents pour le moment — laissez votre question ici et nous vous répondrons dès notre retour.',
  ]);
  const en = await visitorIn(org.widgetKey, 'en-GB');
  expect((await automaticLines(en.client, {}, 1)).map((m) => m.text)).toEqual([defaultTeamSettings().afterHoursMessage]);
});

test('the config answer carries the visitor’s language’s texts', async () => {
  const org = await seedOrg(server, { agents: 1, team: { schedule: CLOSED, afterHoursMessage: TEAM_AFTER_HOURS } });
  await org.owner.patch('/api/org', { widgetTexts: { pt: { greeting: 'Olá!', afterHours: 'Estamos fechados.', offline: 'Deixe a sua pergunta.' } } });
  const anon = new TestClient(server.url);
  const pt = await anon.get(`/api/widget/config?org=${org.widgetKey}&locale=pt-BR`);
  expect(pt.status).toBe(200);
  expect(pt.body.texts).toEqual({ locale: 'pt', greeting: 'Olá!', afterHours: 'Estamos fechados.', offline: 'Deixe a sua pergunta.' });
  expect(pt.body.widget.greeting).toBe('Olá!');
  expect(pt.body.team.afterHoursMessage).toBe('Estamos fechados.');
  const ja = await anon.get(`/api/widget/config?org=${org.widgetKey}&locale=ja`);
  expect(ja.body.texts).toEqual({ locale: 'en', greeting: null, afterHours: null, offline: null });
  expect(ja.body.team.afterHoursMessage).toBe(TEAM_AFTER_HOURS);
  const none = await anon.get(`/api/widget/config?org=${org.widgetKey}`);
  expect(none.body.texts.locale).toBe('en');
  // An untouched default title/greeting is the default in the visitor's language, not English.
  const fresh = await seedOrg(server, { agents: 0 });
  const de = (await anon.get(`/api/widget/config?org=${fresh.widgetKey}&locale=de`)).body;
  expect([de.widget.title, de.widget.greeting]).toEqual(['', 'Hallo! Wie können wir Ihnen helfen?']);
  const en = (await anon.get(`/api/widget/config?org=${fresh.widgetKey}&locale=en`)).body;
  expect([en.widget.title, en.widget.greeting]).toEqual(['Chat with us', 'Hi! How can we help you today?']);
  // An organization's own greeting stays as written (it has no other language).
  await fresh.owner.patch('/api/org', { widget: { greeting: 'Welkom bij Acme', title: 'Acme' } });
  const nl = (await anon.get(`/api/widget/config?org=${fresh.widgetKey}&locale=nl`)).body;
  expect([nl.widget.title, nl.widget.greeting]).toEqual(['Acme', 'Welkom bij Acme']);
});

test.each([
  ['greeting too long', { widgetTexts: { fr: { greeting: 'x'.repeat(501) } } }, 'body.widgetTexts.fr.greeting'],
  ['after-hours too long', { widgetTexts: { fr: { afterHours: 'x'.repeat(1001) } } }, 'body.widgetTexts.fr.afterHours'],
  ['a language the widget lacks', { widgetTexts: { ja: { greeting: 'こんにちは' } } }, 'body.widgetTexts.ja'],
  ['a text kind that does not exist', { widgetTexts: { fr: { farewell: 'Au revoir' } } }, 'body.widgetTexts.fr.farewell'],
  ['a placeholder other than {agent}', { widgetTexts: { fr: { assigned: 'Bonjour {name}' } } }, 'body.widgetTexts.fr.assigned'],
])('%s: a 400 naming the field, and nothing is written', async (_label, body, field) => {
  const org = await seedOrg(server, { agents: 0 });
  await org.owner.patch('/api/org', { widgetTexts: { de: { greeting: 'Hallo!' } } });
  const res = await org.owner.patch('/api/org', { ...body, name: 'Renamed' });
  expect(res.status).toBe(400);
  expect(res.body.error.field).toBe(field);
  const after = await org.owner.get('/api/org');
  expect(after.body.widgetTexts).toEqual({ de: { greeting: 'Hallo!' } });
  expect(after.body.name).not.toBe('Renamed');
});

test('only admins change the texts', async () => {
  const org = await seedOrg(server, { agents: 1 });
  const { loginAgent } = await import('../testing/routing');
  const agent = await loginAgent(server, org.agents[0]!);
  expect((await agent.patch('/api/org', { widgetTexts: { fr: { greeting: 'Salut' } } })).status).toBe(403);
});
