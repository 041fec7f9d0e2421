import { found } from '../../schema/errors.js';
import type { TechnicalAssistanceActivity } from './activity.entity.js';
import { canSeeActivity, canSeeRequest } from './assistance.access.js';
import type { AssistanceContext } from './context.js';
import type { CoverageGapReport } from './coordination.entity.js';
import type { Outcome } from './outcome.entity.js';
import type { AssistanceRequest } from './request.entity.js';

export async function resolveActivityReference(
  reference: { id: string },
  ctx: AssistanceContext,
): Promise<TechnicalAssistanceActivity | null> {
  const activity = await ctx.loaders.activityById.load(reference.id);
  return activity && canSeeActivity(ctx.viewer, activity) ? activity : null;
}

export async function resolveRequestReference(
  reference: { id: string },
  ctx: AssistanceContext,
): Promise<AssistanceRequest | null> {
  const request = await ctx.loaders.requestById.load(reference.id);
  return request && canSeeRequest(ctx.viewer, request) ? request : null;
}

/** Stubs owned elsewhere: the key is all this subgraph needs to add its fields. */
export function resolveStub<K extends string>(key: K) {
  return (reference: Record<string, unknown>) => ({ [key]: reference[key] });
}

/** The gateway sends the region with member-states' findings (`@requires`); both are kept. */
export function resolveCoverageGapReport(reference: Record<string, unknown>): CoverageGapReport {
  return {
    region: String(reference['region']),
    includeSynthetic: reference['includeSynthetic'] === true,
    highSeverityFindings: Array.isArray(reference['highSeverityFindings'])
      ? (reference['highSeverityFindings'] as CoverageGapReport['highSeverityFindings'])
      : [],
  };
}

/** An outcome by key, for other subgraphs and the gateway (one statement per batch). */
export async function resolveOutcomeReference(
  ref: { id: string },
  ctx: AssistanceContext,
): Promise<Outcome> {
  return found(await ctx.loaders.outcomeById.load(ref.id), 'Outcome', ref.id, 'id');
}
