import type { AssignmentStrategy, PermissionMode, UnresponsiveStrategy } from '../../../../shared/types/enums';

export const PERMISSION_TEXT: Record<PermissionMode, { label: string; text: string }> = {
  collaborative: { label: 'Collaborative', text: 'Agents see every chat, claim from the queue and reassign freely.' },
  self_service: { label: 'Self Service', text: 'Agents claim from the queue; only supervisors reassign; claimed chats are private.' },
  restrictive: { label: 'Restrictive', text: 'Chats are assigned only by auto-assignment, supervisors or automation.' },
};

export const ASSIGNMENT_TEXT: Record<AssignmentStrategy, { label: string; text: string }> = {
  none: { label: 'None', text: 'Chats wait in Unassigned until claimed or assigned.' },
  round_robin: { label: 'Round Robin', text: 'The available agent least recently assigned gets the chat.' },
  round_robin_by_contact: { label: 'Round Robin by Contact', text: 'The contact’s previous agent if available, otherwise the agent least recently given a new contact.' },
};

export const UNRESPONSIVE_TEXT: Record<UnresponsiveStrategy, { label: string; text: string }> = {
  none: { label: 'No action', text: 'The chat stays with the assigned agent.' },
  reassign: { label: 'Reassign', text: 'After the timeout, the chat goes to the next available agent.' },
  offer_choice: { label: 'Offer a choice', text: 'The visitor sees your message and picks “another agent” or “keep waiting”.' },
};
