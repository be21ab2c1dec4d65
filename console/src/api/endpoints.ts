// One function per agent route of shared/api/routes.md. Request and answer types come from the
// contract's schemas (shared/contract/): each call names its route's success schema, and
// `request` checks the answer against it, so no answer is ever cast.
import type { ContactDto, CustomFieldType } from '../../../shared/types/index';
import type { DeliveriesQuery } from '../../../shared/types/integrations';
import { authResponses, sessionSchema } from '../../../shared/contract/auth';
import { chatResponses } from '../../../shared/contract/chats';
import type { AssignInput, ChatListQuery, SendMessageInput } from '../../../shared/contract/chats';
import { contactResponses, type ContactInput, type ContactPatch } from '../../../shared/contract/contacts';
import { dashboardResponses, reportsResponses, setupResponses, type DashboardQuery } from '../../../shared/contract/dashboard';
import {
  integrationResponses,
  type CreateApiKeyInput,
  type WebhookPatch,
} from '../../../shared/contract/integrations';
import { invitationResponses, type AcceptInvitationInput, type InviteInput } from '../../../shared/contract/invitations';
import { memberResponses, type MemberPatch, type ProfilePatch } from '../../../shared/contract/members';
import { liveResponses } from '../../../shared/contract/live';
import { orgResponses, type OrgPatch } from '../../../shared/contract/org';
import { demoResponses, type DemoPageInput } from '../../../shared/contract/demo';
import { healthSchema, type HealthDto } from '../../../shared/contract/system';
import { teamResponses, type CreateTeamInput, type TeamInput } from '../../../shared/contract/teams';
import { savedReplyResponses, type CreateSavedReplyInput, type UpdateSavedReplyInput } from '../../../shared/contract/saved-replies';
import { noteResponses, type CreateNoteInput } from '../../../shared/contract/notes';
import { chatSearchResponses, type ChatSearchQuery } from '../../../shared/contract/search';
import type { Static } from '@sinclair/typebox';
import { request } from './http';

export type Session = Static<typeof sessionSchema>;
export type ChatCapability = keyof Static<typeof chatResponses.withCapabilities[200]>['capabilities'];
export type Capabilities = Static<typeof chatResponses.withCapabilities[200]>['capabilities'];
export type { ChatView, ChatListStatus } from '../../../shared/types/enums';
export type { ContactPatch, HealthDto, MemberPatch };

const enc = encodeURIComponent;

export const authApi = {
  signup: (body: { orgName: string; name: string; email: string; password: string }) =>
    request('POST', '/api/auth/signup', authResponses.signup[201], { body, quiet401: true }),
  login: (body: { email: string; password: string }) =>
    request('POST', '/api/auth/login', authResponses.session[200], { body, quiet401: true }),
  logout: () => request('POST', '/api/auth/logout', authResponses.noContent[204], { quiet401: true }),
  me: () => request('GET', '/api/auth/me', authResponses.session[200], { quiet401: true }),
  changePassword: (body: { currentPassword: string; newPassword: string }) =>
    request('POST', '/api/auth/password', authResponses.noContent[204], { body }),
  forgot: (body: { email: string }) => request('POST', '/api/auth/forgot', authResponses.accepted[202], { body, quiet401: true }),
  reset: (body: { token: string; password: string }) =>
    request('POST', '/api/auth/reset', authResponses.noContent[204], { body, quiet401: true }),
  loginLink: (body: { token: string }) =>
    request('POST', '/api/auth/login-link', authResponses.session[200], { body, quiet401: true }),
};

export const invitationsApi = {
  lookup: (token: string) =>
    request('GET', `/api/invitations/lookup/${enc(token)}`, invitationResponses.lookup[200], { quiet401: true }),
  accept: (body: AcceptInvitationInput) => request('POST', '/api/invitations/accept', invitationResponses.accept[201], { body, quiet401: true }),
  list: () => request('GET', '/api/invitations', invitationResponses.list[200]),
  create: (body: InviteInput) => request('POST', '/api/invitations', invitationResponses.create[201], { body }),
  revoke: (id: string) => request('DELETE', `/api/invitations/${enc(id)}`, invitationResponses.revoke[204]),
};

/** The profile patch is the contract's own type. */
export type MePatch = ProfilePatch;

export const meApi = {
  update: (body: MePatch) => request('PATCH', '/api/me', memberResponses.one[200], { body }),
};

export const membersApi = {
  list: () => request('GET', '/api/members', memberResponses.list[200]),
  update: (id: string, body: MemberPatch) => request('PATCH', `/api/members/${enc(id)}`, memberResponses.one[200], { body }),
};

/** Presence of every member, and the supervisor's live view (supervisors and admins). */
export const liveApi = {
  presence: () => request('GET', '/api/presence', liveResponses.presence[200]),
  snapshot: () => request('GET', '/api/live', liveResponses.snapshot[200]),
};

export type TeamPatch = TeamInput;

export const teamsApi = {
  list: () => request('GET', '/api/teams', teamResponses.list[200]),
  create: (body: CreateTeamInput) => request('POST', '/api/teams', teamResponses.create[201], { body }),
  update: (id: string, body: TeamPatch) => request('PATCH', `/api/teams/${enc(id)}`, teamResponses.update[200], { body }),
  remove: (id: string) => request('DELETE', `/api/teams/${enc(id)}`, teamResponses.remove[204]),
};

export const orgApi = {
  get: () => request('GET', '/api/org', orgResponses.get[200]),
  update: (body: OrgPatch) => request('PATCH', '/api/org', orgResponses.patch[200], { body }),
  identitySecret: () => request('GET', '/api/org/identity-secret', orgResponses.identitySecret[200]),
  rotateIdentitySecret: () => request('POST', '/api/org/identity-secret/rotate', orgResponses.identitySecret[200]),
  demoPage: () => request('GET', '/api/org/demo-page', demoResponses.get[200]),
  setDemoPage: (body: DemoPageInput) => request('PUT', '/api/org/demo-page', demoResponses.put[200], { body }),
};

export const contactsApi = {
  list: (query: { q?: string; tag?: string; cursor?: string | null; limit?: number }, signal?: AbortSignal) =>
    request('GET', '/api/contacts', contactResponses.page[200], { query, signal }),
  create: (body: ContactInput) => request('POST', '/api/contacts', contactResponses.created[201], { body }),
  get: (id: string) => request('GET', `/api/contacts/${enc(id)}`, contactResponses.one[200]),
  update: (id: string, body: ContactPatch) => request('PATCH', `/api/contacts/${enc(id)}`, contactResponses.one[200], { body }),
  addTag: (id: string, tag: string) =>
    request('POST', `/api/contacts/${enc(id)}/tags`, contactResponses.one[200], { body: { tag } }),
  removeTag: (id: string, tag: string) =>
    request('DELETE', `/api/contacts/${enc(id)}/tags/${enc(tag)}`, contactResponses.one[200]),
  setField: (id: string, key: string, type: CustomFieldType, value: string | number | boolean) =>
    request('PUT', `/api/contacts/${enc(id)}/fields/${enc(key)}`, contactResponses.one[200], { body: { type, value } }),
  removeField: (id: string, key: string) =>
    request('DELETE', `/api/contacts/${enc(id)}/fields/${enc(key)}`, contactResponses.one[200]),
  chats: (id: string) => request('GET', `/api/contacts/${enc(id)}/chats`, chatResponses.list[200]),
};

export const chatsApi = {
  list: (query: Omit<ChatListQuery, 'cursor'> & { cursor?: string | null }, signal?: AbortSignal) =>
    request('GET', '/api/chats', chatResponses.page[200], { query, signal }),
  counts: () => request('GET', '/api/chats/counts', chatResponses.counts[200]),
  get: (id: string) => request('GET', `/api/chats/${enc(id)}`, chatResponses.withCapabilities[200]),
  claim: (id: string) => request('POST', `/api/chats/${enc(id)}/claim`, chatResponses.chat[200]),
  assign: (id: string, to: AssignInput) => request('POST', `/api/chats/${enc(id)}/assign`, chatResponses.chat[200], { body: to }),
  end: (id: string) => request('POST', `/api/chats/${enc(id)}/end`, chatResponses.chat[200]),
  events: (id: string) => request('GET', `/api/chats/${enc(id)}/events`, chatResponses.events[200]),
  messages: (id: string, query: { afterSeq?: number; beforeSeq?: number; limit?: number }) =>
    request('GET', `/api/chats/${enc(id)}/messages`, chatResponses.messages[200], { query }),
  send: (id: string, body: SendMessageInput) => request('POST', `/api/chats/${enc(id)}/messages`, chatResponses.sent[201], { body }),
  labels: () => request('GET', '/api/chats/labels', chatResponses.labels[200]),
  addLabel: (id: string, label: string) => request('POST', `/api/chats/${enc(id)}/labels`, chatResponses.chat[200], { body: { label } }),
  removeLabel: (id: string, label: string) => request('DELETE', `/api/chats/${enc(id)}/labels/${enc(label)}`, chatResponses.chat[200]),
};

export const notesApi = {
  list: (chatId: string) => request('GET', `/api/chats/${enc(chatId)}/notes`, noteResponses.list[200]),
  create: (chatId: string, body: CreateNoteInput) => request('POST', `/api/chats/${enc(chatId)}/notes`, noteResponses.create[201], { body }),
  mentionable: (chatId: string) => request('GET', `/api/chats/${enc(chatId)}/mentionable`, noteResponses.mentionable[200]),
  mentions: () => request('GET', '/api/mentions', noteResponses.mentions[200]),
  readMention: (id: string) => request('POST', `/api/mentions/${enc(id)}/read`, noteResponses.read[200]),
};

/** Chat search (message and note text, contact, label) with filters and sort. */
export const searchChats = (query: ChatSearchQuery, signal?: AbortSignal) => request('GET', '/api/chats/search', chatSearchResponses.search[200], { query, signal });

export const savedRepliesApi = {
  list: () => request('GET', '/api/saved-replies', savedReplyResponses.list[200]),
  create: (body: CreateSavedReplyInput) => request('POST', '/api/saved-replies', savedReplyResponses.create[201], { body }),
  update: (id: string, body: UpdateSavedReplyInput) => request('PATCH', `/api/saved-replies/${enc(id)}`, savedReplyResponses.update[200], { body }),
  remove: (id: string) => request('DELETE', `/api/saved-replies/${enc(id)}`, savedReplyResponses.remove[204]),
};

/** Analytics for local dates `from`–`to` (the organization's zone), optionally one team. */
export const getDashboard = (query: Omit<DashboardQuery, 'teamId'> & { teamId?: string | null }, signal?: AbortSignal) =>
  request('GET', '/api/dashboard', dashboardResponses[200], { query, signal });
/** Supervisors' reports for the same selection (per agent, missed/abandoned, busiest hours). */
export const getReports = (query: Omit<DashboardQuery, 'teamId'> & { teamId?: string | null }, signal?: AbortSignal) =>
  request('GET', '/api/dashboard/reports', reportsResponses[200], { query, signal });
/** The first-run checklist of a new organization. */
export const getSetup = (signal?: AbortSignal) => request('GET', '/api/dashboard/setup', setupResponses[200], { signal });

/** The bot platform integration (admins): API keys, the webhook and its delivery log. */
export const integrationsApi = {
  listKeys: () => request('GET', '/api/integrations/api-keys', integrationResponses.keys[200]),
  /** The answer carries the key itself: the only time it is shown. */
  createKey: (body: CreateApiKeyInput) => request('POST', '/api/integrations/api-keys', integrationResponses.created[201], { body }),
  revokeKey: (id: string) => request('DELETE', `/api/integrations/api-keys/${enc(id)}`, integrationResponses.revoked[204]),
  getWebhook: () => request('GET', '/api/integrations/webhook', integrationResponses.webhook[200]),
  /** `secret` is in the answer only when generated now (rotation, or the first URL). */
  updateWebhook: (body: WebhookPatch) => request('PATCH', '/api/integrations/webhook', integrationResponses.webhook[200], { body }),
  /** Queues a `webhook.test` event (202 with the delivery; it shows up in the delivery log). */
  sendTestEvent: () => request('POST', '/api/integrations/webhook/test', integrationResponses.test[202]),
  /** Sends one delivery again now (202 with it, pending again). */
  redeliver: (id: string) => request('POST', `/api/integrations/webhook/deliveries/${encodeURIComponent(id)}/redeliver`, integrationResponses.redelivered[202]),
  deliveries: (query: DeliveriesQuery, signal?: AbortSignal) =>
    request('GET', '/api/integrations/webhook/deliveries', integrationResponses.deliveries[200], { query: { ...query }, signal }),
};

export const systemApi = {
  health: () => request('GET', '/health', healthSchema, { quiet401: true }),
};

export type { AttachmentDto } from '../../../shared/types/index';
export type { ContactDto, CustomFieldType };
