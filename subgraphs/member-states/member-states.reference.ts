import { notFound } from '../../schema/errors.js';
import type { MemberStatesContext } from './context.js';
import type { Country } from './country.entity.js';
import type { CoverageGapReport } from './coverage-gap.entity.js';
import type { NeedsAssessment } from './needs-assessment.entity.js';
import type { M49Region } from './region.entity.js';

/** `Country` arrives by either key; both go through a loader, so one `_entities` call is one query. */
export function resolveCountryReference(
  reference: { iso3?: string; m49?: string },
  ctx: MemberStatesContext,
): Promise<Country | null> | null {
  if (reference.iso3) {
    return ctx.loaders.countryByIso3.load(reference.iso3);
  }
  return reference.m49 ? ctx.loaders.countryByM49.load(reference.m49) : null;
}

export function resolveM49RegionReference(
  reference: { m49: string },
  ctx: MemberStatesContext,
): Promise<M49Region | null> {
  return ctx.loaders.regionByM49.load(reference.m49);
}

export function resolveNeedsAssessmentReference(
  reference: { id: string },
  ctx: MemberStatesContext,
): Promise<NeedsAssessment | null> {
  return ctx.loaders.needsAssessmentById.load(reference.id);
}

/** A report arrives by key from assistance's `gaps(region)`; NOT_FOUND for an unknown area. */
export async function resolveCoverageGapReference(
  reference: { region: string; includeSynthetic?: unknown },
  ctx: MemberStatesContext,
): Promise<CoverageGapReport> {
  if (!(await ctx.loaders.regionByM49.load(reference.region))) {
    throw notFound('M49Region', reference.region, 'region');
  }
  return { region: reference.region, includeSynthetic: reference.includeSynthetic === true };
}
