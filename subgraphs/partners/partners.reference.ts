import type { PartnersContext } from './context.js';
import type { Country } from './foreign.entity.js';
import type { Organization } from './organization.entity.js';
import { canSeePartnership } from './partners.access.js';
import type { Partnership } from './partnership.entity.js';

/** One `_entities` call for many organizations is one query through the loader. */
export function resolveOrganizationReference(
  reference: { id: string },
  ctx: PartnersContext,
): Promise<Organization | null> {
  return ctx.loaders.organizationById.load(reference.id);
}

/** Unpublished partnerships resolve only for viewers who may see them (null otherwise). */
export async function resolvePartnershipReference(
  reference: { id: string },
  ctx: PartnersContext,
): Promise<Partnership | null> {
  const partnership = await ctx.loaders.partnershipById.load(reference.id);
  return partnership && canSeePartnership(ctx.viewer, partnership) ? partnership : null;
}

/** Country is owned by member-states; here it is only the key the added fields hang on. */
export function resolveCountryReference(reference: { iso3: string }): Country {
  return { iso3: reference.iso3 };
}
