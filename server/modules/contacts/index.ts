import { Elysia } from 'elysia';
import type { AppContext } from '../../context';
import { authPlugin, requireAgent } from '../../http/auth';
import { badRequest } from '../../errors';
import { CONTACT_LIMITS } from '../../../shared/types/limits';
import {
  addTag,
  contactChats,
  createContact,
  findContact,
  removeTag,
  searchContacts,
  setCustomField,
  unsetCustomField,
  updateContact,
} from '../../services/contacts';
import { toContactDto } from '../../services/mappers';
import { idParams } from '../profile/model';
import { contactResponses, createContactBody, fieldBody, fieldParams, listQuery, tagBody, tagParams, updateContactBody } from './model';
import { chatResponses } from '../chats/model';

// Contacts are shared by the whole organization: every active member may read and edit them
// (agents update e-mail, phone and tags while chatting). Their chats stay permission-filtered.
export function contactsModule(ctx: AppContext) {
  return new Elysia({ prefix: '/api/contacts' })
    .use(authPlugin(ctx))
    .get('', async ({ auth, query }) => {
      const a = requireAgent(auth);
      const limit = query.limit === undefined ? undefined : Number(query.limit);
      if (limit !== undefined && (limit < 1 || limit > CONTACT_LIMITS.pageSize)) {
        throw badRequest(`Must be a whole number from 1 to ${CONTACT_LIMITS.pageSize}`, 'query.limit');
      }
      return searchContacts(ctx, a.org._id, { ...query, limit });
    }, {
      query: listQuery,
      response: contactResponses.page,
      detail: { summary: 'Search contacts by name, username, e-mail or tag; newest activity first', tags: ['contacts'] },
    })
    .post(
      '',
      async ({ auth, body, set }) => {
        const contact = await createContact(ctx, requireAgent(auth).org._id, body);
        set.status = 201;
        return toContactDto(contact);
      },
      { body: createContactBody, response: contactResponses.created, detail: { summary: 'Create a contact', tags: ['contacts'] } },
    )
    .get('/:id', async ({ auth, params }) => toContactDto(await findContact(ctx, requireAgent(auth).org._id, params.id)), {
      params: idParams,
      response: contactResponses.one,
      detail: { summary: 'One contact', tags: ['contacts'] },
    })
    .patch('/:id', async ({ auth, params, body }) => toContactDto(await updateContact(ctx, requireAgent(auth).org._id, params.id, body)), {
      params: idParams,
      body: updateContactBody,
      response: contactResponses.one,
      detail: { summary: 'Update name, username, e-mail, phone or status', tags: ['contacts'] },
    })
    .post('/:id/tags', async ({ auth, params, body }) => toContactDto(await addTag(ctx, requireAgent(auth).org._id, params.id, body.tag)), {
      params: idParams,
      body: tagBody,
      response: contactResponses.one,
      detail: { summary: 'Add a tag (ignored if present in any letter case)', tags: ['contacts'] },
    })
    .delete('/:id/tags/:tag', async ({ auth, params }) => toContactDto(await removeTag(ctx, requireAgent(auth).org._id, params.id, params.tag)), {
      params: tagParams,
      response: contactResponses.one,
      detail: { summary: 'Remove a tag (any letter case)', tags: ['contacts'] },
    })
    .put(
      '/:id/fields/:key',
      async ({ auth, params, body }) =>
        toContactDto(await setCustomField(ctx, requireAgent(auth).org._id, params.id, params.key, body.type, body.value)),
      { params: fieldParams, body: fieldBody, response: contactResponses.one, detail: { summary: 'Set a typed custom field (dates as ISO strings)', tags: ['contacts'] } },
    )
    .delete(
      '/:id/fields/:key',
      async ({ auth, params }) => toContactDto(await unsetCustomField(ctx, requireAgent(auth).org._id, params.id, params.key)),
      { params: fieldParams, response: contactResponses.one, detail: { summary: 'Remove a custom field', tags: ['contacts'] } },
    )
    .get('/:id/chats', async ({ auth, params }) => ({ items: await contactChats(ctx, requireAgent(auth), params.id) }), {
      params: idParams,
      response: chatResponses.list,
      detail: { summary: 'The contact’s chats I may see, newest first', tags: ['contacts'] },
    });
}
