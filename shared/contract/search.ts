// Chat search (issue 17 item 3): message text ($text index), contact name / e-mail / username,
// chat label, with filters and sorts. Results are only chats the caller may see.
import { chatSchema } from './chats';
import { t, consoleErrors, isoDate, nullable, oneOf, strict, type Static } from './common';

export const SEARCH_SORTS = ['newest', 'waiting', 'activity'] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];
export const SEARCH_STATUSES = ['open', 'unassigned', 'assigned', 'ended'] as const;
export const SEARCH_MATCHES = ['message', 'note', 'contact', 'label'] as const;
export const SEARCH_LIMITS = { queryLength: 200, defaultLimit: 50, maxLimit: 100 } as const;

export const chatSearchQuery = t.Object(
  {
    q: t.Optional(t.String({ maxLength: 1000, description: 'Words of a message or note, a contact name / e-mail / username, or a label' })),
    status: t.Optional(oneOf(SEARCH_STATUSES)),
    teamId: t.Optional(t.String({ maxLength: 64 })),
    agentId: t.Optional(t.String({ maxLength: 64, description: 'An assignee id, or "none"' })),
    label: t.Optional(t.String({ maxLength: 200 })),
    from: t.Optional(t.String({ maxLength: 40, description: 'Started at or after (ISO 8601)' })),
    to: t.Optional(t.String({ maxLength: 40, description: 'Started before (ISO 8601)' })),
    sort: t.Optional(oneOf(SEARCH_SORTS)),
    limit: t.Optional(t.Number({ minimum: 1, maximum: SEARCH_LIMITS.maxLimit })),
  },
  strict,
);

export const searchHitSchema = t.Object(
  {
    chat: chatSchema,
    match: nullable(oneOf(SEARCH_MATCHES), { description: 'What matched q (null without q)' }),
    snippet: nullable(
      t.Object({
        text: t.String({ description: 'Plain text around the match' }),
        highlights: t.Array(t.Object({ start: t.Number(), end: t.Number() }), { description: 'Ranges of text that matched' }),
        at: nullable(isoDate),
      }),
    ),
  },
  { title: 'ChatSearchHit' },
);

export const chatSearchResponses = {
  search: { 200: t.Object({ items: t.Array(searchHitSchema) }), ...consoleErrors },
} as const;

export type ChatSearchQuery = Static<typeof chatSearchQuery>;
export type SearchHit = Static<typeof searchHitSchema>;
