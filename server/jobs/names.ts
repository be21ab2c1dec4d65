// Job names and payloads in one place, so the code that schedules a job and the handler that
// runs it agree on the shape. Payloads are plain strings: they are stored in MongoDB by Agenda.

export const JOB = {
  /** Drain a team's waiting chats (at its next opening, or soon after a contended drain). */
  teamDrain: 'routing.team-drain',
  /** An agent's personal hours open: offer them their teams' waiting chats. */
  agentOpens: 'routing.agent-opens',
  /** An auto-assigned agent has not answered in time. */
  unresponsive: 'routing.unresponsive',
  assignedEmail: 'notify.assigned-email',
  assignedSms: 'notify.assigned-sms',
  /** A chat's transcript to its contact (services/transcripts.ts). */
  transcriptEmail: 'notify.transcript-email',
  /** End a chat whose visitor did not answer an agent in time (services/auto-resolve.ts). */
  autoResolve: 'chats.auto-resolve',
} as const;

export interface TranscriptEmailJob extends Record<string, unknown> {
  orgId: string;
  chatId: string;
  to: string;
}

export interface AutoResolveJob extends Record<string, unknown> {
  orgId: string;
  chatId: string;
  /** The due instant it was scheduled for (ISO): a visitor reply or a later agent message moves it, and this run then does nothing. */
  dueAt: string;
}

export interface TeamDrainJob extends Record<string, unknown> {
  orgId: string;
  teamId: string;
  /** The instant it is for (ISO); part of the unique key, so re-scheduling it is idempotent. */
  at: string;
}

export interface AgentOpensJob extends Record<string, unknown> {
  orgId: string;
  userId: string;
  at: string;
}

export interface UnresponsiveJob extends Record<string, unknown> {
  orgId: string;
  chatId: string;
  agentId: string;
  /** The assignment it watches (ISO); a later assignment of the same chat gets its own job. */
  assignedAt: string;
}

export interface AssignedNoticeJob extends Record<string, unknown> {
  orgId: string;
  chatId: string;
  userId: string;
  /** The assignment it announces (ISO): a notice for an assignment already undone is dropped. */
  assignedAt: string;
}
