import type { Kysely } from 'kysely';
import { createCachedLoader, type LoaderDeps } from '../../loaders/cached-loader.js';
import { byKey, groupByKey } from '../../loaders/keyed.js';
import type { MemberStatesTables } from './country.table.js';
import type { NeedsAssessment } from './needs-assessment.entity.js';
import {
  findNeedsAssessmentsByCountryIso3s,
  findNeedsAssessmentsByIds,
} from './needs-assessment.repository.js';

/** v2: assessments carry their workflow status and consent, findings their id and history. */
export const NEEDS_ASSESSMENT_CACHE = {
  byId: 'member-states:v2:needs-assessment:',
  byCountryIso3: 'member-states:v2:needs-assessments-of:',
} as const;

/**
 * The cache holds whole assessments, findings included: visibility is decided per viewer when a
 * field resolves, never when a value is cached, so one viewer's rights never leak to another.
 * As findings and recommendations may be RESTRICTED or CONFIDENTIAL, the entries are sealed
 * (AES-256-GCM under a key of this process): the store never holds them in plain text.
 */
export function createNeedsAssessmentLoaders(db: Kysely<MemberStatesTables>, deps: LoaderDeps) {
  return {
    needsAssessmentById: createCachedLoader<string, NeedsAssessment>(deps, {
      prefix: NEEDS_ASSESSMENT_CACHE.byId,
      sealed: true,
      load: async (keys) => byKey(keys, await findNeedsAssessmentsByIds(db, keys), (a) => a.id),
    }),
    needsAssessmentsByCountryIso3: createCachedLoader<string, NeedsAssessment[]>(deps, {
      prefix: NEEDS_ASSESSMENT_CACHE.byCountryIso3,
      sealed: true,
      load: async (keys) =>
        groupByKey(keys, await findNeedsAssessmentsByCountryIso3s(db, keys), (a) => a.countryIso3),
    }),
  };
}
