// The hand-written parts of the OpenAPI document: introduction, authentication and signing,
// tags, security schemes and the outbound webhooks (OpenAPI 3.1 `webhooks`). Paths and their
// schemas come from the routes themselves.
import { V1_API_DESCRIPTION, V1_TAGS } from '../handoff/docs';
import { webhookChatSchema, webhookContactSchema, webhookPayloadSchemas } from '../../../shared/contract/integrations';

const introduction = `REST API of Phoenix Chat.

The bot platform API lives under /api/v1 (tags starting with "v1"). The other routes are the agent console's (session cookie) and the chat widget's (visitor token); they are listed for completeness.

${V1_API_DESCRIPTION}

WEBHOOKS
Events of chats opened through the API (channel "api") and of the bot platform's contacts are POSTed to the organization's webhook URL as JSON, with headers
  X-Phoenix-Event: chat.created | chat.assigned | chat.transferred | message.created | chat.ended | contact.updated | webhook.test
  X-Phoenix-Event-Id: evt_… (the same for every retry of one event)
  X-Phoenix-Timestamp: Unix seconds
  X-Phoenix-Signature: hex(HMAC-SHA256(key = the webhook secret, message = timestamp + "." + rawBody))
  X-Phoenix-Signature-Previous: the same with the previous secret, for 24 hours after a rotation
  X-Phoenix-Delivery-Attempt: 1 for the first attempt
Accept a delivery when either signature verifies with the secret you hold; after rotating, switch to the new secret within 24 hours. The first attempt is sent right after the event (milliseconds). Answer 2xx to acknowledge. Anything else, a redirect or no answer within 10 seconds is retried with exponential backoff for more than a day. Events of one chat (and of one contact) are delivered in order; deduplicate on the event id.
Choose the events with PATCH /api/v1/webhook { "events": [...] } (default: all). Chats cannot be reopened in Phoenix Chat, so there is no chat.reopened: a contact handed over again gets a new chat (chat.created).
The webhook is managed under /api/v1/webhook with an API key that has the "webhooks" scope: URL and events, secret rotation, a test event, the delivery log and redelivery.

ERRORS
Every error is JSON: { "error": { "code", "message", "field"? } } — field names the offending input, e.g. body.contact.email; message says what is wrong in words and never repeats the field.`;

/** One `webhooks` entry: the headers and the body (its schema from shared/contract/integrations.ts). */
function webhookOperation(type: string, schema: { title?: string; description?: string }) {
  return {
    post: {
      // chat.created → onChatCreated: what a generated receiver calls its handler.
      operationId: `on${type.replace(/(^|[._])([a-z])/g, (_m: string, _sep: string, letter: string) => letter.toUpperCase())}`,
      summary: schema.description ?? type,
      description: `POSTed to the organization's webhook URL when this happens (event type ${type}). Verify X-Phoenix-Signature (or X-Phoenix-Signature-Previous) over timestamp + "." + rawBody with the webhook secret, deduplicate on X-Phoenix-Event-Id, and answer 2xx within 10 seconds; anything else is retried.`,
      tags: [V1_TAGS.webhooks],
      parameters: [
        { name: 'X-Phoenix-Event', in: 'header', required: true, schema: { type: 'string', const: type } },
        { name: 'X-Phoenix-Event-Id', in: 'header', required: true, schema: { type: 'string' } },
        { name: 'X-Phoenix-Timestamp', in: 'header', required: true, schema: { type: 'string' } },
        { name: 'X-Phoenix-Signature', in: 'header', required: true, schema: { type: 'string' }, description: 'HMAC-SHA256 hex with the current secret' },
        { name: 'X-Phoenix-Signature-Previous', in: 'header', required: false, schema: { type: 'string' }, description: 'With the previous secret, for 24 h after a rotation' },
        { name: 'X-Phoenix-Delivery-Attempt', in: 'header', required: true, schema: { type: 'string' } },
      ],
      requestBody: { required: true, content: { 'application/json': { schema: { $ref: `#/components/schemas/${schema.title}` } } } },
      responses: { '200': { description: 'Any 2xx acknowledges the event' } },
    },
  };
}

/** The body limits, as configured: JSON bodies of the API, and uploads (UPLOAD_MAX_BYTES). */
const bodyLimits = (limits: { jsonBodyMaxBytes: number; uploadMaxBytes: number }) => `

BODY SIZE
JSON bodies of /api/v1 and /api/platform/v1 are limited to ${limits.jsonBodyMaxBytes} bytes; file uploads (POST /api/v1/chats/{id}/files) to ${limits.uploadMaxBytes} bytes of file. Larger bodies, of any size, are answered 413 PAYLOAD_TOO_LARGE (JSON, like every error).`;

export function openApiDocumentation(version: string, limits: { jsonBodyMaxBytes: number; uploadMaxBytes: number }): Record<string, unknown> {
  return {
    info: { title: 'Phoenix Chat API', version, description: introduction + bodyLimits(limits) },
    tags: [
      { name: V1_TAGS.chats, description: 'Hand conversations to agents and relay them (bot platform)' },
      { name: V1_TAGS.contacts, description: 'Contacts, their custom fields, tags and status' },
      { name: V1_TAGS.members, description: 'Teams, and provisioning members' },
      { name: V1_TAGS.loginLinks, description: 'Password-less, single-use console sign-in' },
      { name: V1_TAGS.files, description: 'Attachments of the organization’s chats' },
      { name: 'platform · enrollment', description: 'The bot platform enrolls whole organizations (PLATFORM_API_KEY)' },
      { name: V1_TAGS.webhooks, description: 'The webhook (URL, events, secret, delivery log) and the events POSTed to it' },
    ],
    components: {
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer', description: 'Organization API key' },
        platformKey: { type: 'http', scheme: 'bearer', description: 'The bot platform’s PLATFORM_API_KEY (enrollment; the routes are 404 without it)' },
        sessionCookie: { type: 'apiKey', in: 'cookie', name: 'phx_session', description: 'Agent console session' },
      },
      schemas: {
        WebhookChat: webhookChatSchema,
        WebhookContact: webhookContactSchema,
        ...Object.fromEntries(Object.values(webhookPayloadSchemas).map((schema) => [schema.title, schema])),
      },
    },
    webhooks: Object.fromEntries(Object.entries(webhookPayloadSchemas).map(([type, schema]) => [type, webhookOperation(type, schema)])),
  };
}
