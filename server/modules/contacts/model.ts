import { CONTACT_LIMITS } from '../../services/contacts';
import { CONTACT_LIMITS as SHARED_CONTACT_LIMITS } from '../../../shared/types/limits';

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

// The schemas' limits are the service's (until the service imports them from shared/types/limits).
CONTACT_LIMITS satisfies typeof SHARED_CONTACT_LIMITS;
SHARED_CONTACT_LIMITS satisfies typeof CONTACT_LIMITS;
