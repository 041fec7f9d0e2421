import type { Viewer } from '../../loaders/identity.js';
import { assertMayChange, isEditor } from '../../schema/access.js';
import { canSeeUnpublished } from '../../schema/access.js';
import { notFound, found } from '../../schema/errors.js';
import { forbiddenField } from '../../schema/errors.js';
import { ReviewStatus } from '../../schema/review.js';
import type { CaseLaw, LessonLearned } from './case-law.entity.js';
import type { LawsContext } from './context.js';
import type { Visibility } from './legislation-search.repository.js';
import type { LegalProvision, Legislation } from './legislation.entity.js';
// Moves to schema/access.ts (isEditor, canSeeUnpublished) when that lands.

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

/** Each law an input names exists and the viewer may see it (`getVisibleLegislation`). */
export async function assertVisibleLaws(
  ctx: LawsContext,
  ids: readonly string[] | null | undefined,
  field: string,
): Promise<void> {
  for (const id of ids ?? []) {
    await getVisibleLegislation(ctx, id, field);
  }
}

/** Each instrument an input's articles name exists (instruments are public), else NOT_FOUND. */
export async function assertInstruments(ctx: LawsContext, codes: readonly string[]): Promise<void> {
  for (const code of codes) {
    if (!(await ctx.loaders.instrumentByCode.load(code))) {
      throw notFound('Instrument', code, 'input.instrumentArticles');
    }
  }
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
  return found(await visibleProvision(ctx, id), 'LegalProvision', id, field);
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

// Who may write what in the laws subgraph. Editors create, change and review everything; a
// State's focal point proposes records of its own State, which wait in PENDING_REVIEW, unseen by
// the public, until an editor reviews them, and changes only its own unpublished proposals (the
// kernel's `assertMayChange`: a record it may not see is NOT_FOUND and names no country).
// (To join ./laws.access.ts, the read rules, once both are on main.)

const own = (viewer: Viewer) => viewer.countryIso3 ?? '?';

/** The review state of a record a viewer creates: editors publish at once. */
export function createdStatus(viewer: Viewer): ReviewStatus {
  return isEditor(viewer) ? ReviewStatus.PUBLISHED : ReviewStatus.PENDING_REVIEW;
}

/** The review state a viewer's change sets: a focal point's change waits for review again. */
export function changedStatus(viewer: Viewer): ReviewStatus | undefined {
  return isEditor(viewer) ? undefined : ReviewStatus.PENDING_REVIEW;
}

/** The audit verb of a create: an editor's CREATE, a focal point's SUBMIT. */
export function createAction(viewer: Viewer): 'CREATE' | 'SUBMIT' {
  return isEditor(viewer) ? 'CREATE' : 'SUBMIT';
}

/** A focal point submits laws of its own State only. */
export function assertMaySubmitLaw(viewer: Viewer, countryIso3: string): void {
  if (!isEditor(viewer) && countryIso3 !== viewer.countryIso3) {
    throw forbiddenField(
      'input.countryIso3',
      `a focal point for ${own(viewer)} may submit laws of that country only`,
    );
  }
}

/**
 * A focal point adds provisions to its own State's laws; a provision is published with its law,
 * so one added to an unpublished law waits for it. Returns the new provision's review state.
 */
export function provisionStatus(viewer: Viewer, law: Legislation): ReviewStatus {
  if (!isEditor(viewer) && law.countryIso3 !== viewer.countryIso3) {
    throw forbiddenField(
      'input.legislationId',
      'a focal point adds provisions to laws of its own State only',
    );
  }
  return isEditor(viewer) && law.reviewStatus === ReviewStatus.PUBLISHED
    ? ReviewStatus.PUBLISHED
    : ReviewStatus.PENDING_REVIEW;
}

/** A change to a law or a provision: its own State's unpublished records, for a focal point. */
export function assertMayChangeLaw(
  viewer: Viewer,
  entityType: 'Legislation' | 'LegalProvision',
  record: Legislation | LegalProvision,
): void {
  assertMayChange(viewer, {
    entityType,
    id: record.id,
    field: 'id',
    reviewStatus: record.reviewStatus,
    scope: { countryIso3: record.countryIso3 },
  });
}

/** A focal point proposes decisions concerning its own State only. */
export function assertMayProposeCase(viewer: Viewer, countryIso3s: readonly string[]): void {
  if (!isEditor(viewer) && !countryIso3s.includes(viewer.countryIso3 ?? '')) {
    throw forbiddenField(
      'input.countryIso3s',
      `a focal point for ${own(viewer)} may propose decisions concerning that State only`,
    );
  }
}

/** A change to a case: the kernel's rule scoped to its States; a focal point keeps its own. */
export function assertMayChangeCase(
  viewer: Viewer,
  record: CaseLaw,
  countryIso3s: readonly string[] | undefined,
): void {
  const mine = viewer.countryIso3 && record.countryIso3s.includes(viewer.countryIso3);
  assertMayChange(viewer, {
    entityType: 'CaseLaw',
    id: record.id,
    field: 'id',
    reviewStatus: record.reviewStatus,
    scope: { countryIso3: mine ? viewer.countryIso3 : (record.countryIso3s[0] ?? null) },
  });
  if (!isEditor(viewer) && countryIso3s && !countryIso3s.includes(viewer.countryIso3 ?? '')) {
    throw forbiddenField(
      'input.countryIso3s',
      'a focal point keeps its own State among the States concerned',
    );
  }
}

/** A focal point proposes sources of its own State only; regional sources are for editors. */
export function assertMayProposeLesson(viewer: Viewer, countryIso3: string | undefined): void {
  if (!isEditor(viewer) && (!countryIso3 || countryIso3 !== viewer.countryIso3)) {
    throw forbiddenField(
      'input.countryIso3',
      `a focal point for ${own(viewer)} may propose sources of that State only`,
    );
  }
}

/** A change to a lesson: its own State's unpublished proposals, for a focal point. */
export function assertMayChangeLesson(viewer: Viewer, record: LessonLearned): void {
  assertMayChange(viewer, {
    entityType: 'LessonLearned',
    id: record.id,
    field: 'id',
    reviewStatus: record.reviewStatus,
    scope: { countryIso3: record.countryIso3 },
  });
}
