import type { Connection } from 'mongoose';
import { apiKeyModel } from './api-key';
import { chatEventModel } from './chat-event';
import { chatModel } from './chat';
import { contactModel } from './contact';
import { idempotencyRecordModel } from './idempotency-record';
import { invitationModel } from './invitation';
import { mentionModel } from './mention';
import { messageModel } from './message';
import { noteModel } from './note';
import { oneTimeTokenModel } from './one-time-token';
import { organizationModel } from './organization';
import { presenceModel } from './presence';
import { savedReplyModel } from './saved-reply';
import { seenSignatureModel } from './seen-signature';
import { sessionModel } from './session';
import { teamModel } from './team';
import { userModel } from './user';
import { visitorSessionModel } from './visitor-session';
import { webhookDeliveryModel } from './webhook-delivery';

/** Every model, bound to one connection (tests open one connection per database). */
export function createModels(conn: Connection) {
  return {
    Organization: organizationModel(conn),
    User: userModel(conn),
    Session: sessionModel(conn),
    OneTimeToken: oneTimeTokenModel(conn),
    Invitation: invitationModel(conn),
    Team: teamModel(conn),
    Contact: contactModel(conn),
    Chat: chatModel(conn),
    Message: messageModel(conn),
    ChatEvent: chatEventModel(conn),
    VisitorSession: visitorSessionModel(conn),
    ApiKey: apiKeyModel(conn),
    IdempotencyRecord: idempotencyRecordModel(conn),
    SeenSignature: seenSignatureModel(conn),
    WebhookDelivery: webhookDeliveryModel(conn),
    Presence: presenceModel(conn),
    SavedReply: savedReplyModel(conn),
    Note: noteModel(conn),
    Mention: mentionModel(conn),
  };
}

export type Models = ReturnType<typeof createModels>;


export async function syncIndexes(models: Models): Promise<void> {
  await Promise.all(Object.values(models).map((model) => model.createIndexes()));
}
