import type { Viewer } from '../../loaders/identity.js';
import { forbiddenField } from '../../schema/errors.js';
import { assertMayChange, isEditor, ReviewStatus } from '../../schema/review.js';
import type { CaseLaw, LessonLearned } from './case-law.entity.js';
import type { LegalProvision, Legislation } from './legislation.entity.js';

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
