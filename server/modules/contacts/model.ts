export {
  createContactBody,
  updateContactBody,
  contactsQuery as listQuery,
  tagBody,
  tagParams,
  fieldParams,
  fieldBody,
  contactResponses,
} from '../../../shared/contract/contacts';
