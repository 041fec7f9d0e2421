/**
 * Where a contributed record stands. Records that States' focal points or partners submit land as
 * PENDING_REVIEW; an editor publishes or rejects them. Only PUBLISHED records are visible to
 * `public`. Nothing is hard-deleted: a record is ARCHIVED instead. A plain enum: repositories and
 * access rules import it without type-graphql; `schema/enum-registrations.ts` registers it for the
 * schema build.
 */
export enum ReviewStatus {
  PENDING_REVIEW = 'PENDING_REVIEW',
  PUBLISHED = 'PUBLISHED',
  REJECTED = 'REJECTED',
  ARCHIVED = 'ARCHIVED',
}
