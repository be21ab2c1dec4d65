// The hand-written parts of the OpenAPI document: introduction, authentication and signing,
// tags, security schemes and the outbound webhooks (OpenAPI 3.1 `webhooks`). Paths and their
// schemas come from the routes themselves.
import { V1_API_DESCRIPTION, V1_TAGS } from '../handoff/docs';
import { messageSchema } from '../handoff/responses';

const description = `REST API of Phoenix Chat.

The bot platform API lives under /api/v1 (tags starting with "v1"). The other routes are the agent console's (session cookie) and the chat widget's (visitor token); they are listed for completeness.

${V1_API_DESCRIPTION}

WEBHOOKS
Events of chats opened through the API (channel "api") are POSTed to the organization's webhook URL as JSON, with headers
  X-Phoenix-Event: chat.assigned | message.created | chat.ended
  X-Phoenix-Event-Id: evt_… (the same for every retry of one event)
  X-Phoenix-Timestamp: Unix seconds
  X-Phoenix-Signature: hex(HMAC-SHA256(key = the webhook secret, message = timestamp + "." + rawBody))
Answer 2xx to acknowledge. Anything else, a redirect or no answer within 10 seconds is retried with exponential backoff for more than a day. Events of one chat are delivered in order; deduplicate on the event id.

ERRORS
Every error is JSON: { "error": { "code", "message", "field"? } } — field names the offending input, e.g. body.contact.email; message says what is wrong in words and never repeats the field.`;

const webhookChat = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    handoffId: { type: ['string', 'null'] },
    status: { type: 'string', enum: ['unassigned', 'assigned', 'ended'] },
    teamId: { type: 'string' },
    assigneeId: { type: ['string', 'null'] },
    assigneeName: { type: ['string', 'null'] },
    lastSeq: { type: 'number' },
    endedAt: { type: ['string', 'null'] },
    url: { type: 'string', description: 'The chat in the agent console' },
  },
} as const;

const webhookContact = {
  type: 'object',
  properties: { id: { type: 'string' }, botUserId: { type: ['string', 'null'] }, channel: { type: ['string', 'null'] }, name: { type: ['string', 'null'] } },
} as const;

function webhookOperation(type: string, summary: string, data: Record<string, unknown>) {
  return {
    post: {
      summary,
      tags: ['v1 · webhooks'],
      parameters: [
        { name: 'X-Phoenix-Event', in: 'header', required: true, schema: { type: 'string', const: type } },
        { name: 'X-Phoenix-Event-Id', in: 'header', required: true, schema: { type: 'string' } },
        { name: 'X-Phoenix-Timestamp', in: 'header', required: true, schema: { type: 'string' } },
        { name: 'X-Phoenix-Signature', in: 'header', required: true, schema: { type: 'string' } },
      ],
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: {
              type: 'object',
              required: ['id', 'type', 'createdAt', 'organizationId', 'data'],
              properties: {
                id: { type: 'string', description: 'The event id (same as X-Phoenix-Event-Id)' },
                type: { type: 'string', const: type },
                createdAt: { type: 'string' },
                organizationId: { type: 'string' },
                data: { type: 'object', properties: { chat: { $ref: '#/components/schemas/WebhookChat' }, contact: { $ref: '#/components/schemas/WebhookContact' }, ...data } },
              },
            },
          },
        },
      },
      responses: { '200': { description: 'Any 2xx acknowledges the event' } },
    },
  };
}

export function openApiDocumentation(version: string): Record<string, unknown> {
  return {
    info: { title: 'Phoenix Chat API', version, description },
    tags: [
      { name: V1_TAGS.chats, description: 'Hand conversations to agents and relay them (bot platform)' },
      { name: V1_TAGS.contacts, description: 'Contacts, their custom fields, tags and status' },
      { name: V1_TAGS.members, description: 'Teams, and provisioning members' },
      { name: V1_TAGS.loginLinks, description: 'Password-less, single-use console sign-in' },
      { name: V1_TAGS.files, description: 'Attachments of the organization’s chats' },
      { name: 'v1 · webhooks', description: 'Events POSTed to the organization’s webhook URL' },
    ],
    components: {
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer', description: 'Organization API key' },
        sessionCookie: { type: 'apiKey', in: 'cookie', name: 'phx_session', description: 'Agent console session' },
      },
      schemas: { WebhookChat: webhookChat, WebhookContact: webhookContact, WebhookMessage: messageSchema },
    },
    webhooks: {
      'chat.assigned': webhookOperation('chat.assigned', 'A chat was assigned to an agent', {
        agent: { type: 'object', properties: { id: { type: 'string' }, name: { type: ['string', 'null'] } } },
      }),
      'message.created': webhookOperation('message.created', 'An agent (or the system) wrote to the contact: deliver it on the contact’s channel', {
        message: { $ref: '#/components/schemas/WebhookMessage' },
      }),
      'chat.ended': webhookOperation('chat.ended', 'The chat ended: hand the contact back to the bot', {
        transcript: {
          type: 'object',
          properties: { url: { type: 'string', description: 'GET with the API key: the whole conversation' }, lastSeq: { type: 'number' } },
        },
      }),
    },
  };
}
