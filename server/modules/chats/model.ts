export { chatIdParams, chatListQuery as listQuery, assignBody, messagesQuery, sendMessageBody as sendBody, chatResponses } from '../../../shared/contract/chats';
