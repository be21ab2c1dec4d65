// One function per agent route of shared/api/routes.md. Types come from shared/types.
import type {
  AttachmentDto,
  BadgeCounts,
  ChatDto,
  ChatEventDto,
  ContactDto,
  CustomFieldType,
  ContactStatus,
  InvitationDto,
  MemberDto,
  MessageDto,
  OrgDto,
  Page,
  ProfilePatch,
  Role,
  TeamDto,
  TeamSettings,
  WidgetSettings,
} from '../../../shared/types/index';
import type { DashboardDto } from '../../../shared/types/dashboard';
import type {
  ApiKeyDto,
  CreateApiKeyInput,
  CreatedApiKeyDto,
  DeliveriesQuery,
  WebhookConfigDto,
  WebhookDeliveryDto,
  WebhookPatch,
} from '../../../shared/types/integrations';
import { request } from './http';

export type Session = { user: MemberDto; org: OrgDto };
export type ChatCapability = 'view' | 'claim' | 'assign' | 'write' | 'end' | 'upload';
export type Capabilities = Record<ChatCapability, boolean>;
export type ChatView = 'unassigned' | 'mine' | 'all' | 'team';
export type ChatListStatus = 'open' | 'ended';

const enc = encodeURIComponent;

export const authApi = {
  signup: (body: { orgName: string; name: string; email: string; password: string }) =>
    request<Session>('POST', '/api/auth/signup', { body, quiet401: true }),
  login: (body: { email: string; password: string }) =>
    request<Session>('POST', '/api/auth/login', { body, quiet401: true }),
  logout: () => request<void>('POST', '/api/auth/logout', { quiet401: true }),
  me: () => request<Session>('GET', '/api/auth/me', { quiet401: true }),
  changePassword: (body: { currentPassword: string; newPassword: string }) =>
    request<void>('POST', '/api/auth/password', { body }),
  forgot: (body: { email: string }) => request<void>('POST', '/api/auth/forgot', { body, quiet401: true }),
  reset: (body: { token: string; password: string }) =>
    request<void>('POST', '/api/auth/reset', { body, quiet401: true }),
  loginLink: (body: { token: string }) =>
    request<Session>('POST', '/api/auth/login-link', { body, quiet401: true }),
};

export const invitationsApi = {
  lookup: (token: string) =>
    request<{ email: string; orgName: string; role: Role }>('GET', `/api/invitations/lookup/${enc(token)}`, {
      quiet401: true,
    }),
  accept: (body: { token: string; name: string; password: string }) =>
    request<Session>('POST', '/api/invitations/accept', { body, quiet401: true }),
  list: () => request<{ items: InvitationDto[] }>('GET', '/api/invitations'),
  create: (body: { email: string; role: Role; teamIds: string[] }) =>
    request<InvitationDto>('POST', '/api/invitations', { body }),
  revoke: (id: string) => request<void>('DELETE', `/api/invitations/${enc(id)}`),
};

/** The profile patch is the contract's own type. */
export type MePatch = ProfilePatch;

export const meApi = {
  update: (body: MePatch) => request<MemberDto>('PATCH', '/api/me', { body }),
};

export interface MemberPatch {
  role?: Role;
  teamIds?: string[];
  active?: boolean;
  maxConcurrentChats?: number | null;
}

export const membersApi = {
  list: () => request<{ items: MemberDto[] }>('GET', '/api/members'),
  update: (id: string, body: MemberPatch) => request<MemberDto>('PATCH', `/api/members/${enc(id)}`, { body }),
};

export type TeamPatch = Partial<TeamSettings> & { name?: string; memberIds?: string[] };

export const teamsApi = {
  list: () => request<{ items: TeamDto[] }>('GET', '/api/teams'),
  create: (body: Partial<TeamSettings> & { name: string }) => request<TeamDto>('POST', '/api/teams', { body }),
  update: (id: string, body: TeamPatch) => request<TeamDto>('PATCH', `/api/teams/${enc(id)}`, { body }),
  remove: (id: string) => request<void>('DELETE', `/api/teams/${enc(id)}`),
};

export const orgApi = {
  get: () => request<OrgDto>('GET', '/api/org'),
  update: (body: { name?: string; timezone?: string; widget?: Partial<WidgetSettings> }) =>
    request<OrgDto>('PATCH', '/api/org', { body }),
  identitySecret: () => request<{ secret: string }>('GET', '/api/org/identity-secret'),
  rotateIdentitySecret: () => request<{ secret: string }>('POST', '/api/org/identity-secret/rotate'),
};

export interface ContactPatch {
  name?: string | null;
  username?: string | null;
  email?: string | null;
  phone?: string | null;
  status?: ContactStatus;
}

export const contactsApi = {
  list: (query: { q?: string; tag?: string; cursor?: string | null; limit?: number }, signal?: AbortSignal) =>
    request<Page<ContactDto>>('GET', '/api/contacts', { query, signal }),
  create: (body: ContactPatch & { tags?: string[] }) => request<ContactDto>('POST', '/api/contacts', { body }),
  get: (id: string) => request<ContactDto>('GET', `/api/contacts/${enc(id)}`),
  update: (id: string, body: ContactPatch) => request<ContactDto>('PATCH', `/api/contacts/${enc(id)}`, { body }),
  addTag: (id: string, tag: string) =>
    request<ContactDto>('POST', `/api/contacts/${enc(id)}/tags`, { body: { tag } }),
  removeTag: (id: string, tag: string) =>
    request<ContactDto>('DELETE', `/api/contacts/${enc(id)}/tags/${enc(tag)}`),
  setField: (id: string, key: string, type: CustomFieldType, value: string | number | boolean) =>
    request<ContactDto>('PUT', `/api/contacts/${enc(id)}/fields/${enc(key)}`, { body: { type, value } }),
  removeField: (id: string, key: string) =>
    request<ContactDto>('DELETE', `/api/contacts/${enc(id)}/fields/${enc(key)}`),
  chats: (id: string) => request<{ items: ChatDto[] }>('GET', `/api/contacts/${enc(id)}/chats`),
};

export const chatsApi = {
  list: (
    query: { view: ChatView; teamId?: string; status?: ChatListStatus; cursor?: string | null; limit?: number },
    signal?: AbortSignal,
  ) => request<Page<ChatDto>>('GET', '/api/chats', { query, signal }),
  counts: () => request<BadgeCounts>('GET', '/api/chats/counts'),
  get: (id: string) =>
    request<{ chat: ChatDto; capabilities: Capabilities }>('GET', `/api/chats/${enc(id)}`),
  claim: (id: string) => request<ChatDto>('POST', `/api/chats/${enc(id)}/claim`),
  assign: (id: string, to: { agentId: string } | { teamId: string }) =>
    request<ChatDto>('POST', `/api/chats/${enc(id)}/assign`, { body: to }),
  end: (id: string) => request<ChatDto>('POST', `/api/chats/${enc(id)}/end`),
  events: (id: string) => request<{ items: ChatEventDto[] }>('GET', `/api/chats/${enc(id)}/events`),
  messages: (id: string, query: { afterSeq?: number; beforeSeq?: number; limit?: number }) =>
    request<{ items: MessageDto[] }>('GET', `/api/chats/${enc(id)}/messages`, { query }),
  send: (id: string, body: { clientId: string; text: string; attachmentIds?: string[] }) =>
    request<MessageDto>('POST', `/api/chats/${enc(id)}/messages`, { body }),
};

/** Analytics for local dates `from`–`to` (the organization's zone), optionally one team. */
export const getDashboard = (query: { from: string; to: string; teamId?: string | null }, signal?: AbortSignal) =>
  request<DashboardDto>('GET', '/api/dashboard', { query, signal });

/** The bot platform integration (admins): API keys, the webhook and its delivery log. */
export const integrationsApi = {
  listKeys: () => request<{ items: ApiKeyDto[] }>('GET', '/api/integrations/api-keys'),
  /** The answer carries the key itself: the only time it is shown. */
  createKey: (body: CreateApiKeyInput) => request<CreatedApiKeyDto>('POST', '/api/integrations/api-keys', { body }),
  revokeKey: (id: string) => request<void>('DELETE', `/api/integrations/api-keys/${enc(id)}`),
  getWebhook: () => request<WebhookConfigDto>('GET', '/api/integrations/webhook'),
  /** `secret` is in the answer only when generated now (rotation, or the first URL). */
  updateWebhook: (body: WebhookPatch) => request<WebhookConfigDto>('PATCH', '/api/integrations/webhook', { body }),
  /** Queues a `webhook.test` event (202; it shows up in the delivery log). */
  sendTestEvent: () => request<void>('POST', '/api/integrations/webhook/test'),
  deliveries: (query: DeliveriesQuery, signal?: AbortSignal) =>
    request<Page<WebhookDeliveryDto>>('GET', '/api/integrations/webhook/deliveries', { query: { ...query }, signal }),
};

/** What the console reads of `GET /health`. */
export interface HealthDto {
  status: 'ok' | 'degraded';
  version: string;
  database: { backend: string | null; status: 'up' | 'down'; inMemoryOnly: boolean };
}

export const systemApi = {
  health: () => request<HealthDto>('GET', '/health', { quiet401: true }),
};

export type { AttachmentDto };
