import { Elysia } from 'elysia';
import type { AppContext } from '../../context';
import { addTag, findBotUserContact, findContact, removeTag, setCustomField, unsetCustomField, updateContact } from '../../services/contacts';
import { toContactDto } from '../../services/mappers';
import { apiKeyAuth } from './api-auth';
import { V1_TAGS, v1Security } from './docs';
import { contactLookupQuery, contactPatchBody, fieldBody, fieldParams, idParams, tagBody, tagParams } from './model';
import { commonErrors, contactSchema } from './responses';

const tags = [V1_TAGS.contacts];
const response = { 200: contactSchema, ...commonErrors };

export function v1ContactRoutes(ctx: AppContext) {
  return new Elysia({ prefix: '/api/v1/contacts' })
    .use(apiKeyAuth(ctx))
    .get(
      '',
      async ({ api, query }) => {
        return toContactDto(await findBotUserContact(ctx, api.org._id, query));
      },
      { query: contactLookupQuery, response, detail: { summary: 'The contact of a bot user on a channel', tags, security: v1Security } },
    )
    .get('/:id', async ({ api, params }) => toContactDto(await findContact(ctx, api.org._id, params.id)), {
      params: idParams,
      response,
      detail: { summary: 'A contact', tags, security: v1Security },
    })
    .patch('/:id', async ({ api, params, body }) => toContactDto(await updateContact(ctx, api.org._id, params.id, body)), {
      parse: 'json',
      params: idParams,
      body: contactPatchBody,
      response,
      detail: { summary: 'Update name, username, e-mail, phone or status', tags, security: v1Security },
    })
    .post('/:id/tags', async ({ api, params, body }) => toContactDto(await addTag(ctx, api.org._id, params.id, body.tag)), {
      parse: 'json',
      params: idParams,
      body: tagBody,
      response,
      detail: { summary: 'Add a tag (no-op if present in any letter case)', tags, security: v1Security },
    })
    .delete('/:id/tags/:tag', async ({ api, params }) => toContactDto(await removeTag(ctx, api.org._id, params.id, params.tag)), {
      params: tagParams,
      response,
      detail: { summary: 'Remove a tag (any letter case)', tags, security: v1Security },
    })
    .put(
      '/:id/fields/:key',
      async ({ api, params, body }) => toContactDto(await setCustomField(ctx, api.org._id, params.id, params.key, body.type, body.value)),
      { parse: 'json', params: fieldParams, body: fieldBody, response, detail: { summary: 'Set a typed custom field (dates as ISO strings)', tags, security: v1Security } },
    )
    .delete('/:id/fields/:key', async ({ api, params }) => toContactDto(await unsetCustomField(ctx, api.org._id, params.id, params.key)), {
      params: fieldParams,
      response,
      detail: { summary: 'Remove a custom field', tags, security: v1Security },
    });
}
