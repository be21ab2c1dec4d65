import { t } from 'elysia';
import { ROLES } from '../../../shared/types/enums';
import { integer, objectIdString, oneOf } from '../profile/model';

export const memberPatchBody = t.Object(
  {
    role: t.Optional(oneOf(ROLES)),
    teamIds: t.Optional(t.Array(objectIdString, { maxItems: 100 })),
    active: t.Optional(t.Boolean()),
    maxConcurrentChats: t.Optional(t.Union([integer(1, 100), t.Null()])),
  },
  { additionalProperties: false },
);
