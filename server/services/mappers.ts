// Documents → DTOs, one function per entity, so no route leaks a password hash or a secret.
import type { ObjectId } from '../db/ids';
import { widgetTextsOf } from './widget-texts';
import type {
  AttachmentDto,
  ChatDto,
  ChatEventDto,
  ContactDto,
  CustomField,
  InvitationDto,
  MemberDto,
  MessageDto,
  OrgDto,
  TeamDto,
} from '../../shared/types/dto';
import type { Schedule } from '../../shared/types/schedule';
import type { ChatDoc } from '../db/types';
import type { ChatEventDoc } from '../db/types';
import type { ContactDoc } from '../db/types';
import type { InvitationDoc } from '../db/types';
import type { MessageDoc } from '../db/types';
import type { OrganizationDoc } from '../db/types';
import type { TeamDoc } from '../db/types';
import type { UserDoc } from '../db/types';
import { DEFAULT_AUTO_RESOLVE_MESSAGE } from '../domain/team-settings';

type Oid = ObjectId | null | undefined;
const id = (value: Oid): string | null => (value ? value.toString() : null);
const iso = (value: Date | null | undefined): string | null => (value ? value.toISOString() : null);

/** Mongoose hands back subdocument arrays with extra keys; keep the schedule's plain shape. */
export function plainSchedule(value: unknown): Schedule | null {
  if (value === null || value === undefined) return null;
  const raw = JSON.parse(JSON.stringify(value)) as Schedule;
  const weekly: Schedule['weekly'] = {};
  for (const [day, intervals] of Object.entries(raw.weekly ?? {})) {
    if (Array.isArray(intervals) && intervals.length > 0) {
      weekly[day as keyof Schedule['weekly']] = intervals.map((i) => ({ start: i.start, end: i.end }));
    }
  }
  return {
    timezone: raw.timezone,
    weekly,
    exceptions: (raw.exceptions ?? []).map((e) => ({
      date: e.date,
      intervals: (e.intervals ?? []).map((i) => ({ start: i.start, end: i.end })),
      ...(e.label ? { label: e.label } : {}),
    })),
  };
}

/** The widget's look; the console edits all of it, the widget reads all but allowedOrigins. */
export function widgetSettingsOf(org: Pick<OrganizationDoc, 'widget'>): OrgDto['widget'] {
  return {
    title: org.widget?.title ?? 'Chat with us',
    color: org.widget?.color ?? '#4f46e5',
    greeting: org.widget?.greeting ?? '',
    position: (org.widget?.position as 'left' | 'right' | undefined) ?? 'right',
    allowedOrigins: [...(org.widget?.allowedOrigins ?? [])],
  };
}

export function toOrgDto(org: OrganizationDoc): OrgDto {
  return {
    id: org._id.toString(),
    name: org.name,
    timezone: org.timezone,
    widgetKey: org.widgetKey,
    widget: widgetSettingsOf(org),
    widgetTexts: widgetTextsOf(org),
    handoff: { webhookUrl: org.handoff?.webhookUrl ?? null, hasSecret: Boolean(org.handoff?.webhookSecret) },
    transcriptAutoEmail: org.transcriptAutoEmail ?? false,
    createdAt: org.createdAt.toISOString(),
  };
}

export function toMemberDto(user: UserDoc): MemberDto {
  return {
    id: user._id.toString(),
    email: user.email,
    name: user.name,
    role: user.role,
    teamIds: (user.teamIds ?? []).map((t) => t.toString()),
    phone: user.phone ?? null,
    active: user.active ?? true,
    manualStatus: user.manualStatus ?? 'available',
    notifications: {
      email: user.notifications?.email ?? true,
      sms: user.notifications?.sms ?? false,
      sound: user.notifications?.sound ?? true,
    },
    schedule: plainSchedule(user.schedule),
    maxConcurrentChats: user.maxConcurrentChats ?? null,
    createdAt: user.createdAt.toISOString(),
  };
}

export function toInvitationDto(inv: InvitationDoc): InvitationDto {
  return {
    id: inv._id.toString(),
    email: inv.email,
    role: inv.role,
    teamIds: (inv.teamIds ?? []).map((t) => t.toString()),
    expiresAt: inv.expiresAt.toISOString(),
    acceptedAt: iso(inv.acceptedAt),
    createdAt: inv.createdAt.toISOString(),
  };
}

/** Stored as a subdocument; plain values for the DTO (mongoose arrays are not JSON-clean). */
export function prechatFormOf(team: TeamDoc): TeamDto['prechatForm'] {
  const form = team.prechatForm;
  return { enabled: form?.enabled ?? false, fields: (form?.fields ?? []).map((f) => ({ field: f.field ?? '', label: f.label ?? '', required: f.required === true })) };
}

export function toTeamDto(team: TeamDoc, memberIds: string[]): TeamDto {
  return {
    id: team._id.toString(),
    name: team.name,
    memberIds,
    isDefault: team.isDefault ?? false,
    createdAt: team.createdAt.toISOString(),
    permissionMode: team.permissionMode,
    schedule: plainSchedule(team.schedule),
    afterHoursMessage: team.afterHoursMessage ?? '',
    assignmentStrategy: team.assignmentStrategy,
    assignedMessage: team.assignedMessage ?? '',
    unresponsiveStrategy: team.unresponsiveStrategy,
    unresponsiveTimeoutSeconds: team.unresponsiveTimeoutSeconds ?? 300,
    unresponsiveMessage: team.unresponsiveMessage ?? '',
    maxChatsPerAgent: team.maxChatsPerAgent ?? null,
    onlineOnlyRouting: team.onlineOnlyRouting ?? true,
    autoResolveMinutes: team.autoResolveMinutes ?? null,
    autoResolveMessage: team.autoResolveMessage ?? DEFAULT_AUTO_RESOLVE_MESSAGE,
    prechatForm: prechatFormOf(team),
    offlineWhenNoAgentOnline: team.offlineWhenNoAgentOnline ?? false,
  };
}

export function toContactDto(c: ContactDoc): ContactDto {
  return {
    id: c._id.toString(),
    name: c.name ?? null,
    username: c.username ?? null,
    email: c.email ?? null,
    phone: c.phone ?? null,
    status: c.status,
    tags: [...(c.tags ?? [])],
    customFields: (c.customFields ?? []).map((f): CustomField => ({
      key: f.key,
      type: f.type,
      value: f.value instanceof Date ? f.value.toISOString() : (f.value as string | number | boolean),
    })),
    externalIds: {
      botUserId: c.externalIds?.botUserId ?? null,
      channel: c.externalIds?.channel ?? null,
      userId: c.externalIds?.userId ?? null,
    },
    lastAgentId: id(c.lastAgentId),
    visitor: {
      pageUrl: c.visitor?.pageUrl ?? null,
      referrer: c.visitor?.referrer ?? null,
      browser: c.visitor?.browser ?? null,
      language: c.visitor?.language ?? null,
    },
    firstSeenAt: c.firstSeenAt.toISOString(),
    lastSeenAt: c.lastSeenAt.toISOString(),
    chatCount: c.chatCount ?? 0,
  };
}

export function toChatDto(
  chat: ChatDoc,
  contact: Pick<ContactDoc, '_id' | 'name' | 'username' | 'email'> | null,
  assigneeName: string | null = null,
): ChatDto {
  const last = chat.lastMessage;
  return {
    id: chat._id.toString(),
    contactId: chat.contactId.toString(),
    contact: {
      id: chat.contactId.toString(),
      name: contact?.name ?? null,
      username: contact?.username ?? null,
      email: contact?.email ?? null,
    },
    teamId: chat.teamId.toString(),
    assigneeId: id(chat.assigneeId),
    assigneeName: chat.assigneeId ? assigneeName : null,
    status: chat.status,
    channel: chat.channel,
    lastSeq: chat.lastSeq ?? 0,
    lastMessage:
      last && last.seq !== undefined && last.seq !== null
        ? {
            seq: last.seq,
            text: last.text ?? '',
            author: { kind: (last.authorKind ?? 'system') as MessageDto['author']['kind'], id: null, name: last.authorName ?? null },
            createdAt: (last.createdAt ?? chat.createdAt).toISOString(),
          }
        : null,
    createdAt: chat.createdAt.toISOString(),
    assignedAt: iso(chat.assignedAt),
    firstResponseAt: iso(chat.firstResponseAt),
    endedAt: iso(chat.endedAt),
    awaitingChoice: chat.awaitingChoice ?? false,
    agentReadSeq: chat.agentReadSeq ?? 0,
    agentReadAt: iso(chat.agentReadAt),
    visitorReadSeq: chat.visitorReadSeq ?? 0,
    visitorReadAt: iso(chat.visitorReadAt),
    rating: chat.rating?.score ? { score: chat.rating.score, comment: chat.rating.comment ?? null, ratedAt: iso(chat.rating.ratedAt) ?? chat.createdAt.toISOString() } : null,
    labels: [...(chat.labels ?? [])],
  };
}

/** A chat as its visitor sees it: the team's labels are theirs alone. */
export function withoutLabels(chat: ChatDto): ChatDto {
  const { labels: _labels, ...rest } = chat;
  return rest;
}

export function toAttachmentDto(a: { fileId?: Oid; name?: string | null; contentType?: string | null; size?: number | null }, base: string): AttachmentDto {
  const fileId = id(a.fileId) ?? '';
  return { id: fileId, name: a.name ?? 'file', contentType: a.contentType ?? 'application/octet-stream', size: a.size ?? 0, url: `${base}/${fileId}` };
}

/** `filesBase` differs for agents (/api/files) and visitors (/api/widget/files). */
export function toMessageDto(m: MessageDoc, filesBase = '/api/files'): MessageDto {
  return {
    id: m._id.toString(),
    chatId: m.chatId.toString(),
    seq: m.seq,
    clientId: m.clientId ?? null,
    author: { kind: m.author?.kind ?? 'system', id: id(m.author?.id), name: m.author?.name ?? null },
    text: m.text ?? '',
    attachments: (m.attachments ?? []).map((a) => toAttachmentDto(a, filesBase)),
    actions: (m.actions ?? []).map((a) => ({ id: a.id as MessageDto['actions'][number]['id'], label: a.label ?? '' })),
    createdAt: m.createdAt.toISOString(),
  };
}

export function toChatEventDto(e: ChatEventDoc): ChatEventDto {
  return {
    id: e._id.toString(),
    chatId: e.chatId.toString(),
    kind: e.kind,
    actor: { kind: e.actor?.kind ?? 'system', id: id(e.actor?.id), name: e.actor?.name ?? null },
    fromAssigneeId: id(e.fromAssigneeId),
    toAssigneeId: id(e.toAssigneeId),
    fromTeamId: id(e.fromTeamId),
    toTeamId: id(e.toTeamId),
    createdAt: e.createdAt.toISOString(),
  };
}
