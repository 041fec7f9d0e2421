import type { Kysely, Transaction } from 'kysely';
import { appendAudit, type AuditTables } from '../../loaders/audit.js';
import type { KeyValueCache } from '../../loaders/cache.js';
import type { Viewer } from '../../loaders/identity.js';
import { invalidate } from '../../loaders/invalidation.js';
import { ReviewStatus } from '../../schema/review.js';
import { PARTNERS_CACHE } from './partners.loaders.js';
import type { PartnersTables } from './partners.table.js';

/**
 * An organisation another subgraph's import met only by a reference or a name, such as an IATI
 * participating organisation that no curated record matches. The partners subgraph owns every
 * organisation, so imports register such organisations here, through this function, and never
 * write this schema themselves.
 */
export interface UnverifiedOrganization {
  /** A slug (`[a-z0-9][a-z0-9-]{1,62}`), chosen by the importer, stable for the same mention. */
  readonly id: string;
  /** As the file gave it; the importer names a reference-only organisation after its reference. */
  readonly name: string;
  /** The IATI organisation identifier, when the file gave one. */
  readonly iatiOrgId: string | null;
  /** The IATI OrganisationType code, when the file gave one. */
  readonly iatiOrgType: string | null;
  /** The file and element it comes from. */
  readonly source: string;
  /** What is unknown about it, for the editor who checks it. */
  readonly notes: string;
  readonly synthetic: boolean;
}

const SLUG = /^[a-z0-9][a-z0-9-]{1,62}$/;

/**
 * Records unverified organisations (`verified: false`, confidence "to verify", category OTHER: no
 * category is guessed), each with its audit entry, in one transaction. Idempotent: an id already
 * present is left as it is (an editor may have checked and changed it), and is not reported.
 * Returns the ids it created.
 */
export async function registerUnverifiedOrganizations(
  db: Kysely<PartnersTables>,
  organizations: readonly UnverifiedOrganization[],
  who: { viewer: Viewer; requestId: string; cache?: KeyValueCache | undefined },
): Promise<string[]> {
  const bad = organizations.find((o) => !SLUG.test(o.id) || o.name.trim() === '');
  if (bad) {
    throw new Error(`registerUnverifiedOrganizations: invalid id or empty name for "${bad.id}"`);
  }
  if (organizations.length === 0) {
    return [];
  }
  const created = await db.transaction().execute(async (trx) => {
    const rows = await trx
      .insertInto('organization')
      .values(
        organizations.map((o) => ({
          id: o.id,
          name: o.name.trim(),
          acronym: null,
          partner_category: 'OTHER',
          iati_org_type: o.iatiOrgType,
          crs_channel_code: null,
          iati_org_id: o.iatiOrgId,
          hq_country_iso3: null,
          website: null,
          description: null,
          source: o.source,
          confidence: 'to verify',
          notes: o.notes,
          synthetic: o.synthetic,
          verified: false,
          review_status: ReviewStatus.PUBLISHED,
        })),
      )
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id')
      .execute();
    const ids = new Set(rows.map((r) => r.id));
    await appendAudit(
      trx as unknown as Transaction<AuditTables>,
      who,
      organizations
        .filter((o) => ids.has(o.id))
        .map((o) => ({
          entityType: 'Organization',
          entityId: o.id,
          action: 'IMPORT_CREATE_UNVERIFIED',
          before: null,
          after: o,
        })),
    );
    return [...ids];
  });
  if (created.length > 0) {
    await invalidate(who.cache, {
      keys: created.map((id) => PARTNERS_CACHE.organizationById + id),
      tags: ['Organization', ...created.map((id) => `Organization:${id}`)],
    });
  }
  return created;
}
