import { t } from 'elysia';

export { prechatBody, offlineMessageBody as offlineBody } from '../../../shared/contract/widget-api';
export { widgetConfigQuery as configQuery, visitorSessionBody as sessionBody, createVisitorChatBody as createChatBody, choiceBody, widgetResponses } from '../../../shared/contract/widget-api';

/** Multipart upload (Elysia's t.File: it has no JSON Schema twin in the shared contract). */
export const uploadBody = t.Object({ file: t.File(), chatId: t.String({ minLength: 1, maxLength: 64 }) });
