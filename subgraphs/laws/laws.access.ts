import type { Viewer } from '../../loaders/identity.js';
import { notFound } from '../../schema/errors.js';
// Moves to schema/access.ts (isEditor, canSeeUnpublished) when that lands.
import { canSeeUnpublished, isEditor, ReviewStatus } from '../../schema/review.js';
import type { CaseLaw, LessonLearned } from './case-law.entity.js';
import type { LawsContext } from './context.js';
import type { Visibility } from './legislation-search.repository.js';
import type { LegalProvision, Legislation } from './legislation.entity.js';

// Who may see what in the laws subgraph. PUBLISHED records are visible to everyone;
// PENDING_REVIEW and REJECTED to editors and the focal point of the record's country; ARCHIVED
// records are kept for history but shown to editors only. An unpublished record is NOT_FOUND to
// whoever may not see it, so its existence is not revealed. Who may change what is decided by
// `assertMayChange` (schema/review.ts) in the write resolvers.

/** What a viewer may see, as the search repositories take it. */
export function visibilityOf(viewer: Viewer): Visibility {
  if (isEditor(viewer)) {
    return { kind: 'editor' };
  }
  if (viewer.role === 'state_focal_point' && viewer.countryIso3) {
    return { kind: 'country', iso3: viewer.countryIso3 };
  }
  return { kind: 'public' };
}

/**
 * The rule for a record of several States (a regional court's case) or of none (a regional
 * lesson, which only editors see unpublished): the focal point of any of its States sees it.
 */
function isVisibleIn(
  viewer: Viewer,
  reviewStatus: ReviewStatus,
  countryIso3s: readonly (string | null)[],
): boolean {
  if (reviewStatus === ReviewStatus.PUBLISHED) {
    return true;
  }
  if (reviewStatus === ReviewStatus.ARCHIVED) {
    return isEditor(viewer);
  }
  return (
    isEditor(viewer) ||
    countryIso3s.some((countryIso3) => canSeeUnpublished(viewer, { countryIso3 }))
  );
}

/** A record of one State (a law, a provision) the viewer may see. */
export function isVisible(
  viewer: Viewer,
  record: { reviewStatus: ReviewStatus; countryIso3: string },
): boolean {
  return isVisibleIn(viewer, record.reviewStatus, [record.countryIso3]);
}

/** A case (several States) the viewer may see. */
export const isCaseVisible = (
  viewer: Viewer,
  c: { reviewStatus: ReviewStatus; countryIso3s: readonly string[] },
) => isVisibleIn(viewer, c.reviewStatus, c.countryIso3s);

/** A lesson (one State or none) the viewer may see. */
export const isLessonVisible = (
  viewer: Viewer,
  l: { reviewStatus: ReviewStatus; countryIso3: string | null },
) => isVisibleIn(viewer, l.reviewStatus, [l.countryIso3]);

/** A law the viewer may see, or NOT_FOUND (an unpublished law is not revealed to others). */
export async function getVisibleLegislation(
  ctx: LawsContext,
  id: string,
  field = 'id',
): Promise<Legislation> {
  const legislation = await ctx.loaders.legislationById.load(id);
  if (!legislation || !isVisible(ctx.viewer, legislation)) {
    throw notFound('Legislation', id, field);
  }
  return legislation;
}

/** A provision is visible when it and its law are (an archived law hides its provisions). */
export async function visibleProvision(
  ctx: LawsContext,
  id: string,
): Promise<LegalProvision | null> {
  const provision = await ctx.loaders.provisionById.load(id);
  if (!provision || !isVisible(ctx.viewer, provision)) {
    return null;
  }
  const legislation = await ctx.loaders.legislationById.load(provision.legislationId);
  return legislation && isVisible(ctx.viewer, legislation) ? provision : null;
}

/** A provision the viewer may see (`visibleProvision`), or NOT_FOUND. */
export async function getVisibleProvision(
  ctx: LawsContext,
  id: string,
  field = 'id',
): Promise<LegalProvision> {
  const provision = await visibleProvision(ctx, id);
  if (!provision) {
    throw notFound('LegalProvision', id, field);
  }
  return provision;
}

/** A case the viewer may see, or NOT_FOUND (a proposal is not revealed to others). */
export async function getVisibleCase(ctx: LawsContext, id: string, field = 'id'): Promise<CaseLaw> {
  const found = await ctx.loaders.caseById.load(id);
  if (!found || !isCaseVisible(ctx.viewer, found)) {
    throw notFound('CaseLaw', id, field);
  }
  return found;
}

/** A lesson the viewer may see, or NOT_FOUND. */
export async function getVisibleLesson(
  ctx: LawsContext,
  id: string,
  field = 'id',
): Promise<LessonLearned> {
  const found = await ctx.loaders.lessonById.load(id);
  if (!found || !isLessonVisible(ctx.viewer, found)) {
    throw notFound('LessonLearned', id, field);
  }
  return found;
}
