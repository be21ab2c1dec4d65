import { t } from 'elysia';
import { ROLES } from '../../../shared/types/enums';
import { objectIdString } from '../profile/model';

export const memberPatchBody = t.Object(
  {
    role: t.Optional(t.UnionEnum(ROLES)),
    teamIds: t.Optional(t.Array(objectIdString, { maxItems: 100 })),
    active: t.Optional(t.Boolean()),
    maxConcurrentChats: t.Optional(t.Union([t.Integer({ minimum: 1, maximum: 100 }), t.Null()])),
  },
  { additionalProperties: false },
);
