// Organization settings (name, time zone, widget). Handoff settings belong to the integrations.
import type { OrgDto, OrgPatch } from '../../shared/types/dto';
import type { AppContext } from '../context';
import { canManageOrg } from '../domain/permissions';
import { isValidTimeZone } from '../domain/schedule';
import { badRequest, forbidden, notFound } from '../errors';
import { actorOf } from './access';
import { toOrgDto } from './mappers';
import type { AgentAuth } from './sessions';
import { widgetTextsSet } from './widget-texts';

export type { OrgPatch };

/**
 * An origin as browsers send it: scheme, host and optional port, nothing else. Returns the
 * canonical form (lower-case host, default port dropped) or null.
 */
export function canonicalOrigin(input: string): string | null {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') return null;
  if (url.pathname !== '/' || !/^[a-z]+:\/\/[^/]+\/?$/i.test(input.trim())) return null;
  return url.origin;
}

export async function updateOrg(ctx: AppContext, auth: AgentAuth, patch: OrgPatch): Promise<OrgDto> {
  if (!canManageOrg(actorOf(auth.user))) throw forbidden('Only admins can change the organization');
  const set: Record<string, unknown> = {};
  // Blank names never get here: the schema's nonBlankName refuses them.
  if (patch.name !== undefined) set.name = patch.name.trim();
  if (patch.timezone !== undefined) {
    if (!isValidTimeZone(patch.timezone)) throw badRequest('Must be an IANA time zone such as "Europe/London"', 'body.timezone');
    set.timezone = patch.timezone;
  }
  if (patch.transcriptAutoEmail !== undefined) set.transcriptAutoEmail = patch.transcriptAutoEmail;
  if (patch.widgetTexts !== undefined) Object.assign(set, widgetTextsSet(patch.widgetTexts));
  const w = patch.widget;
  if (w !== undefined) {
    if (w.title !== undefined) set['widget.title'] = w.title.trim();
    if (w.greeting !== undefined) set['widget.greeting'] = w.greeting.trim();
    if (w.color !== undefined) set['widget.color'] = w.color.toLowerCase();
    if (w.position !== undefined) set['widget.position'] = w.position;
    if (w.allowedOrigins !== undefined) {
      const origins: string[] = [];
      w.allowedOrigins.forEach((raw, i) => {
        const origin = canonicalOrigin(raw);
        if (origin === null) {
          const field = `body.widget.allowedOrigins[${i}]`;
          throw badRequest('Must be an origin such as https://example.com (no path)', field);
        }
        if (!origins.includes(origin)) origins.push(origin);
      });
      set['widget.allowedOrigins'] = origins;
    }
  }
  if (Object.keys(set).length === 0) return toOrgDto(auth.org);
  const updated = await ctx.repos.forOrg(auth.org._id).organization.findOneAndUpdate({}, { $set: set });
  if (!updated) throw notFound('Organization');
  return toOrgDto(updated);
}
