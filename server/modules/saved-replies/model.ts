export { createSavedReplyBody, updateSavedReplyBody, savedReplyIdParams, savedReplyResponses } from '../../../shared/contract/saved-replies';
