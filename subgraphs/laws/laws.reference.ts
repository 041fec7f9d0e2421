import type { CaseLaw, LessonLearned } from './case-law.entity.js';
import { type CodeList } from './code-list.entity.js';
import type { LawsContext } from './context.js';
import type { Country } from './foreign.entity.js';
import type { Instrument, InstrumentParticipation } from './instrument.entity.js';
import { isCaseVisible, isLessonVisible, isVisible, visibleProvision } from './laws.access.js';
import type { LegalProvision, Legislation } from './legislation.entity.js';

/** Each `__resolveReference` goes through a loader, so one `_entities` call is one query. */
export function resolveCountryReference(reference: { iso3: string }): Country {
  return { iso3: reference.iso3 };
}

export async function resolveLegislationReference(
  reference: { id: string },
  ctx: LawsContext,
): Promise<Legislation | null> {
  const found = await ctx.loaders.legislationById.load(reference.id);
  return found && isVisible(ctx.viewer, found) ? found : null;
}

export async function resolveProvisionReference(
  reference: { id: string },
  ctx: LawsContext,
): Promise<LegalProvision | null> {
  return visibleProvision(ctx, reference.id);
}

export function resolveInstrumentReference(
  reference: { code: string },
  ctx: LawsContext,
): Promise<Instrument | null> {
  return ctx.loaders.instrumentByCode.load(reference.code);
}

export function resolveParticipationReference(
  reference: { id: string },
  ctx: LawsContext,
): Promise<InstrumentParticipation | null> {
  return ctx.loaders.participationById.load(reference.id);
}

export async function resolveCaseReference(
  reference: { id: string },
  ctx: LawsContext,
): Promise<CaseLaw | null> {
  const found = await ctx.loaders.caseById.load(reference.id);
  return found && isCaseVisible(ctx.viewer, found) ? found : null;
}

export async function resolveLessonReference(
  reference: { id: string },
  ctx: LawsContext,
): Promise<LessonLearned | null> {
  const found = await ctx.loaders.lessonById.load(reference.id);
  return found && isLessonVisible(ctx.viewer, found) ? found : null;
}

/** Code-list entities by `code`, shaped by the caller. */
export async function resolveCodeReference<T>(
  list: CodeList,
  reference: { code: string },
  ctx: LawsContext,
  shape: (
    entry: NonNullable<Awaited<ReturnType<LawsContext['loaders']['codeEntry']['load']>>>,
  ) => T,
): Promise<T | null> {
  const entry = await ctx.loaders.codeEntry.load(`${list}:${reference.code}`);
  return entry ? shape(entry) : null;
}
