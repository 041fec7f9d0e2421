import { toConfidence, type Confidence } from './common-types.js';
import type { ReviewStatus } from './review.js';

// What every sourced record carries, whatever its subgraph: where it comes from, how far it was
// checked, curator notes, whether it is illustrative, and where it stands in review. Entities
// declare these fields themselves (so each type's SDL keeps its field order and wording);
// repositories map them from a row with `sourcedOf`, one way for every table.

/** The sourced part of an entity; each table has the columns it needs. */
export interface Sourced {
  readonly source: string;
  readonly confidence: Confidence;
  readonly notes: string | null;
  readonly synthetic: boolean;
  readonly reviewStatus: ReviewStatus;
}

/** The same columns as tables name them. */
export interface SourcedRow {
  readonly source: string;
  readonly confidence: string | null;
  readonly notes: string | null;
  readonly synthetic: boolean;
  readonly review_status: string;
}

/** Maps the sourced columns a row has; pick the ones your entity declares. */
export function sourcedOf<R extends Partial<SourcedRow>>(
  row: R,
): Pick<Sourced, Extract<keyof Sourced, SourcedKeyOf<keyof R>>> {
  const out: Partial<Record<keyof Sourced, unknown>> = {};
  if ('source' in row) {
    out.source = row.source;
  }
  if ('confidence' in row) {
    out.confidence = toConfidence(row.confidence);
  }
  if ('notes' in row) {
    out.notes = row.notes ?? null;
  }
  if ('synthetic' in row) {
    out.synthetic = row.synthetic;
  }
  if ('review_status' in row) {
    out.reviewStatus = row.review_status as ReviewStatus;
  }
  return out as Pick<Sourced, Extract<keyof Sourced, SourcedKeyOf<keyof R>>>;
}

type SourcedKeyOf<K> = K extends 'review_status' ? 'reviewStatus' : K;

/**
 * An organisation another subgraph's import met only by a reference or a name, registered with the
 * subgraph that owns organisations (partners) before it is referenced: unverified, confidence "to
 * verify", category OTHER (no category is guessed). The one contract between the importer
 * (funding's IATI import) and the owner.
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
