export { createKeyBody, keyParams, webhookPatchBody, deliveriesQuery, deliveryParams, integrationResponses } from '../../../shared/contract/integrations';
