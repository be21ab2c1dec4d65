// Saved replies (canned responses): organization-wide ("shared", kept by supervisors and admins)
// or personal (kept by their owner). An agent's list is the shared ones plus their own.
// Shapes only here; the rules with readable messages (shortcut characters, uniqueness per scope)
// are the service's, so every refusal names its field.
import { t, consoleErrors, errorBody, id, isoDate, listOf, noContent, nullable, oneOf, strict, type Static } from './common';

export const SAVED_REPLY_SCOPES = ['shared', 'personal'] as const;
export type SavedReplyScope = (typeof SAVED_REPLY_SCOPES)[number];

export const SAVED_REPLY_LIMITS = {
  shortcutLength: 32,
  textLength: 5000,
  /** Per scope: an organization's shared ones, or one member's personal ones. */
  perScope: 500,
} as const;

export const savedReplySchema = t.Object(
  {
    id,
    scope: oneOf(SAVED_REPLY_SCOPES),
    ownerId: nullable(id, { description: 'The member a personal reply belongs to; null for shared ones' }),
    shortcut: t.String({ description: 'Typed after "/" in the composer; lower case, unique per scope' }),
    text: t.String({ description: 'May hold {contact.name}, {agent.name} and {org.name}, filled on insert' }),
    canEdit: t.Boolean({ description: 'Whether the caller may change or delete it' }),
    createdAt: isoDate,
    updatedAt: isoDate,
  },
  { title: 'SavedReply' },
);

// Lengths are checked by the service too (with the field in the answer); the schema's generous
// bounds keep absurd bodies out before they reach it.
const shortcut = t.String({ maxLength: 200 });
const text = t.String({ maxLength: 20_000 });

export const createSavedReplyBody = t.Object({ scope: oneOf(SAVED_REPLY_SCOPES), shortcut, text }, strict);
export const updateSavedReplyBody = t.Object({ shortcut: t.Optional(shortcut), text: t.Optional(text) }, strict);
export const savedReplyIdParams = t.Object({ id: t.String({ minLength: 1, maxLength: 64 }) }, strict);

export const savedReplyResponses = {
  list: { 200: listOf(savedReplySchema), ...consoleErrors },
  create: { 201: savedReplySchema, ...consoleErrors, 409: errorBody },
  update: { 200: savedReplySchema, ...consoleErrors, 409: errorBody },
  remove: { 204: noContent, ...consoleErrors },
} as const;

export type SavedReplyDto = Static<typeof savedReplySchema>;
export type CreateSavedReplyInput = Static<typeof createSavedReplyBody>;
export type UpdateSavedReplyInput = Static<typeof updateSavedReplyBody>;
