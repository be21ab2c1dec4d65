export { createKeyBody, keyParams, webhookPatchBody, deliveriesQuery, integrationResponses } from '../../../shared/contract/integrations';
