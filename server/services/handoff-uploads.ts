// POST /api/v1/chats/:id/files: a file the contact sent on the bot's channel, stored into the
// chat as theirs, ready to be named by a relayed message (`fileIds`; handoff-attachments.ts).
import type { AttachmentDto } from '../../shared/types/dto';
import type { AppContext } from '../context';
import type { ApiAuth } from './api-keys';
import { saveUpload } from './files';
import { chatOfOrg, V1_FILES_BASE } from './handoff';
import { checkRelayable } from './handoff-attachments';

export async function uploadRelayedFile(ctx: AppContext, auth: ApiAuth, chatId: string, file: File): Promise<AttachmentDto> {
  const chat = await chatOfOrg(ctx, auth.org._id, chatId);
  checkRelayable(chat);
  return saveUpload(ctx, { chat, file, uploaderKind: 'contact', uploaderId: chat.contactId }, V1_FILES_BASE);
}
