import { randomUUID } from 'node:crypto';
import countries from 'i18n-iso-countries';
import { Arg, Authorized, Ctx, Field, ID, InputType, Int, Mutation, Resolver } from 'type-graphql';
import type { AuditRecord } from '../../loaders/audit.js';
import { Confidence } from '../../schema/common-types.js';
import { badUserInput, forbiddenField, notFound, type InvalidField } from '../../schema/errors.js';
import { assertMayChange, isEditor } from '../../schema/access.js';
import { ReviewStatus } from '../../schema/review.js';
import { CountryCodeScalar, DateScalar, UrlScalar } from '../../schema/scalars.js';
import { patchOf, runWrite } from '../../schema/writes.js';
import { CodeList } from './code-list.entity.js';
import type { LawsContext } from './context.js';
import { LAWS_CACHE } from './laws.loaders.js';
import { isVisible } from './visibility.js';
import { checkCodeTags, checkText, checkYear, CONFIDENCE_TEXT } from './write-checks.js';
import type { NewLegalProvisionRow, NewLegislationRow } from './laws.table.js';
import {
  LegalProvision,
  Legislation,
  LegislationStatus,
  LegislationType,
  LegislationKind,
} from './legislation.entity.js';
import {
  findLegislationForUpdate,
  findProvisionForUpdate,
  insertLegislation,
  insertProvision,
  publishPendingProvisions,
  updateLegislationRow,
  updateProvisionRow,
} from './legislation.repository.js';

const MAX_TITLE = 500;
const MAX_SUMMARY = 1000;

@InputType({ description: 'A new law. A focal point may submit laws of its own country only.' })
export class CreateLegislationInput {
  @Field(() => CountryCodeScalar, { description: 'ISO alpha-3 code of the enacting State.' })
  countryIso3!: string;

  @Field(() => String, { description: `Title in English (1–${MAX_TITLE} characters).` })
  title!: string;

  @Field(() => String, { nullable: true, description: 'Title in the original language.' })
  originalTitle?: string;

  @Field(() => String, { nullable: true, description: 'Original language (ISO 639-1).' })
  originalLanguage?: string;

  @Field(() => LegislationType, { description: 'Kind of instrument.' })
  type!: LegislationType;

  @Field(() => Int, { nullable: true, description: 'Year of the law.' })
  year?: number;

  @Field(() => DateScalar, { nullable: true, description: 'Adoption date.' })
  adoptedOn?: string;

  @Field(() => DateScalar, { nullable: true, description: 'In force since.' })
  inForceOn?: string;

  @Field(() => LegislationStatus, { description: 'Legal status.' })
  status!: LegislationStatus;

  @Field(() => UrlScalar, { nullable: true, description: 'Where the text can be read.' })
  documentUrl?: string;

  @Field(() => String, { description: 'The source: gazette reference or official URL.' })
  source!: string;

  @Field(() => Confidence, {
    nullable: true,
    description: 'VERIFIED only if checked against the source (default TO_VERIFY).',
  })
  confidence?: Confidence;

  @Field(() => String, { nullable: true, description: 'Curator notes.' })
  notes?: string;

  @Field(() => [ID], { nullable: true, description: 'Ids of laws this one amends or replaces.' })
  amends?: string[];
}

@InputType({
  description:
    'What a curator adds when promoting a catalogue entry to a curated record: the facts the catalogue does not give (type, status), read from the source named.',
})
export class PromoteCatalogueEntryInput {
  @Field(() => String, {
    nullable: true,
    description: 'Title in English; omit to keep the title as listed.',
  })
  title?: string;

  @Field(() => String, { nullable: true, description: 'Title in the original language.' })
  originalTitle?: string;

  @Field(() => String, { nullable: true, description: 'Original language (ISO 639-1).' })
  originalLanguage?: string;

  @Field(() => LegislationType, { description: 'Kind of instrument.' })
  type!: LegislationType;

  @Field(() => Int, { nullable: true, description: 'Year of the law.' })
  year?: number;

  @Field(() => DateScalar, { nullable: true, description: 'Adoption date.' })
  adoptedOn?: string;

  @Field(() => DateScalar, { nullable: true, description: 'In force since.' })
  inForceOn?: string;

  @Field(() => LegislationStatus, { description: 'Legal status.' })
  status!: LegislationStatus;

  @Field(() => UrlScalar, {
    nullable: true,
    description: 'Where the text can be read; omit to keep the catalogue link.',
  })
  documentUrl?: string;

  @Field(() => String, {
    description:
      'The source the curator read (gazette reference or official URL); the catalogue listing stays as a second source.',
  })
  source!: string;

  @Field(() => Confidence, {
    nullable: true,
    description: 'VERIFIED only if checked against the source (default TO_VERIFY).',
  })
  confidence?: Confidence;

  @Field(() => String, { nullable: true, description: 'Curator notes.' })
  notes?: string;
}

@InputType({ description: 'Changes to a law; omitted fields stay as they are.' })
export class UpdateLegislationInput {
  @Field(() => String, { nullable: true, description: 'Title in English.' })
  title?: string;

  @Field(() => String, { nullable: true, description: 'Title in the original language.' })
  originalTitle?: string;

  @Field(() => String, { nullable: true, description: 'Original language (ISO 639-1).' })
  originalLanguage?: string;

  @Field(() => LegislationType, { nullable: true, description: 'Kind of instrument.' })
  type?: LegislationType;

  @Field(() => Int, { nullable: true, description: 'Year of the law.' })
  year?: number;

  @Field(() => DateScalar, { nullable: true, description: 'Adoption date.' })
  adoptedOn?: string;

  @Field(() => DateScalar, { nullable: true, description: 'In force since.' })
  inForceOn?: string;

  @Field(() => LegislationStatus, {
    nullable: true,
    description: 'Legal status; REPEALED records a repeal (nothing is deleted).',
  })
  status?: LegislationStatus;

  @Field(() => UrlScalar, { nullable: true, description: 'Where the text can be read.' })
  documentUrl?: string;

  @Field(() => String, { nullable: true, description: 'The source.' })
  source?: string;

  @Field(() => Confidence, { nullable: true, description: 'Whether checked against the source.' })
  confidence?: Confidence;

  @Field(() => String, { nullable: true, description: 'Curator notes.' })
  notes?: string;

  @Field(() => DateScalar, { nullable: true, description: 'When a curator last checked it.' })
  lastVerifiedOn?: string;

  @Field(() => [ID], { nullable: true, description: 'Ids of laws this one amends or replaces.' })
  amends?: string[];
}

@InputType({ description: 'Tags of a provision: codes from each code list.' })
export class ProvisionTagsInput {
  @Field(() => [String], { nullable: true, description: 'Offence category codes ("BC-2").' })
  offenceCategories?: string[];

  @Field(() => [String], { nullable: true, description: 'Procedural power codes.' })
  proceduralPowers?: string[];

  @Field(() => [String], { nullable: true, description: 'Cooperation mechanism codes.' })
  cooperationMechanisms?: string[];

  @Field(() => [String], { nullable: true, description: 'Cross-cutting issue codes.' })
  crossCuttingIssues?: string[];

  @Field(() => [String], {
    nullable: true,
    description: 'Aligned treaty articles as "<instrument code>:<article>" ("CETS-185:2").',
  })
  instrumentArticles?: string[];
}

@InputType({ description: 'A new provision of a law.' })
export class CreateProvisionInput extends ProvisionTagsInput {
  @Field(() => ID, { description: 'The law it belongs to.' })
  legislationId!: string;

  @Field(() => String, { description: 'Article or section label as in the law ("s. 1").' })
  label!: string;

  @Field(() => String, {
    description: `One neutral line on what it criminalises or provides (1–${MAX_SUMMARY} characters); not the statutory text.`,
  })
  summary!: string;

  @Field(() => Int, { nullable: true, description: 'Position in the law (default: last).' })
  sortOrder?: number;

  @Field(() => String, { description: 'The source.' })
  source!: string;

  @Field(() => Confidence, { nullable: true, description: 'Default TO_VERIFY.' })
  confidence?: Confidence;

  @Field(() => String, { nullable: true, description: 'Curator notes.' })
  notes?: string;
}

@InputType({ description: 'Changes to a provision; omitted fields stay as they are.' })
export class UpdateProvisionInput extends ProvisionTagsInput {
  @Field(() => String, { nullable: true, description: 'Label as in the law.' })
  label?: string;

  @Field(() => String, { nullable: true, description: 'One neutral line; not the statute.' })
  summary?: string;

  @Field(() => Int, { nullable: true, description: 'Position in the law.' })
  sortOrder?: number;

  @Field(() => String, { nullable: true, description: 'The source.' })
  source?: string;

  @Field(() => Confidence, { nullable: true, description: 'Whether checked against the source.' })
  confidence?: Confidence;

  @Field(() => String, { nullable: true, description: 'Curator notes.' })
  notes?: string;
}

const TAG_FIELDS = [
  ['offenceCategories', CodeList.OFFENCE_CATEGORY],
  ['proceduralPowers', CodeList.PROCEDURAL_POWER],
  ['cooperationMechanisms', CodeList.COOPERATION_MECHANISM],
  ['crossCuttingIssues', CodeList.CROSS_CUTTING_ISSUE],
] as const;

/**
 * Checks each tag against its own list: a code of another list is BAD_USER_INPUT naming the
 * field; a code of no list is NOT_FOUND naming the code.
 */
async function checkTags(
  ctx: LawsContext,
  tags: ProvisionTagsInput,
  problems: InvalidField[],
): Promise<void> {
  await checkCodeTags(ctx, tags, TAG_FIELDS, problems);
  for (const article of tags.instrumentArticles ?? []) {
    const [instrument, number, extra] = article.split(':');
    if (!instrument || !number || extra !== undefined) {
      problems.push({
        field: 'input.instrumentArticles',
        message: `"${article}" must be written "<instrument code>:<article>", such as "CETS-185:2"`,
      });
    } else if (!(await ctx.loaders.instrumentByCode.load(instrument))) {
      throw notFound('Instrument', instrument, 'input.instrumentArticles');
    }
  }
}

/** The checks a law's create and update share; `required` on create. */
function checkLegislationText(
  input: { title?: string | null; source?: string | null; year?: number | null },
  required: boolean,
) {
  const problems: InvalidField[] = [];
  const title = checkText(problems, 'input.title', input.title, MAX_TITLE, required);
  const source = checkText(problems, 'input.source', input.source, MAX_TITLE, required);
  checkYear(problems, 'input.year', input.year);
  return { problems, title, source };
}

/** The checks a provision's create and update share; `required` on create. */
async function checkProvisionInput(
  ctx: LawsContext,
  input: Parameters<typeof checkTags>[1] & {
    label?: string | null;
    summary?: string | null;
    source?: string | null;
  },
  required: boolean,
) {
  const problems: InvalidField[] = [];
  const label = checkText(problems, 'input.label', input.label, 100, required);
  const summary = checkText(problems, 'input.summary', input.summary, MAX_SUMMARY, required);
  const source = checkText(problems, 'input.source', input.source, MAX_TITLE, required);
  await checkTags(ctx, input, problems);
  if (problems.length > 0) {
    throw badUserInput(problems);
  }
  return { label, summary, source };
}

async function checkAmends(ctx: LawsContext, ids: readonly string[] | undefined | null) {
  for (const id of ids ?? []) {
    const law = await ctx.loaders.legislationById.load(id);
    if (!law || !isVisible(ctx.viewer, law)) {
      throw notFound('Legislation', id, 'input.amends');
    }
  }
}

/** Also purges the "amended by" lists of the laws it amends (before or after the write). */
function legislationInvalidation(l: Legislation, previousAmends: readonly string[] = []) {
  return {
    keys: [
      LAWS_CACHE.legislationById.key(l.id),
      LAWS_CACHE.legislationByCountry.key(l.countryIso3),
      ...[...l.amendsIds, ...previousAmends].map((id) => LAWS_CACHE.legislationAmending.key(id)),
    ],
    tags: ['Legislation', `Legislation:${l.id}`, `Country:${l.countryIso3}`],
  };
}

function provisionInvalidation(p: LegalProvision) {
  return {
    keys: [
      LAWS_CACHE.provisionById.key(p.id),
      LAWS_CACHE.provisionsByLegislation.key(p.legislationId),
      LAWS_CACHE.provisionsByCountry.key(p.countryIso3),
    ],
    tags: ['LegalProvision', `LegalProvision:${p.id}`, `Country:${p.countryIso3}`],
  };
}

/**
 * A focal point works on records of its own country, before they are published: the kernel's
 * rule (`assertMayChange`), so a record it may not see is NOT_FOUND and names no country.
 */
function assertFocalPointScope(
  ctx: LawsContext,
  entityType: 'Legislation' | 'LegalProvision',
  record: { id: string; countryIso3: string; reviewStatus: ReviewStatus },
  field: string,
): void {
  assertMayChange(ctx.viewer, {
    entityType,
    id: record.id,
    field,
    reviewStatus: record.reviewStatus,
    scope: { countryIso3: record.countryIso3 },
  });
}

@Resolver()
export class LegislationWriteResolver {
  @Authorized('editor', 'state_focal_point')
  @Mutation(() => Legislation, {
    description:
      'Adds a law. Editors publish at once; a focal point submits for its own country and the law waits in PENDING_REVIEW, unseen by the public, until an editor publishes it.',
  })
  async createLegislation(
    @Arg('input', () => CreateLegislationInput, {
      description: 'The law to record; every invalid field is reported at once (BAD_USER_INPUT).',
    })
    input: CreateLegislationInput,
    @Ctx() ctx: LawsContext,
  ): Promise<Legislation> {
    const editor = isEditor(ctx.viewer);
    if (!editor && input.countryIso3 !== ctx.viewer.countryIso3) {
      throw forbiddenField(
        'input.countryIso3',
        `a focal point for ${ctx.viewer.countryIso3 ?? '?'} may submit laws of that country only`,
      );
    }
    const { problems, title, source } = checkLegislationText(input, true);
    if (input.adoptedOn && input.inForceOn && input.inForceOn < input.adoptedOn) {
      problems.push({ field: 'input.inForceOn', message: 'is before the adoption date' });
    }
    if (problems.length > 0) {
      throw badUserInput(problems);
    }
    if (!countries.isValid(input.countryIso3)) {
      throw notFound('Country', input.countryIso3, 'input.countryIso3');
    }
    await checkAmends(ctx, input.amends);
    const row: NewLegislationRow = {
      id: `${input.countryIso3}-${randomUUID().slice(0, 8).toUpperCase()}`,
      country_iso3: input.countryIso3,
      title: title ?? '',
      original_title: input.originalTitle ?? null,
      original_language: input.originalLanguage ?? null,
      type: input.type,
      year: input.year ?? null,
      adopted_on: input.adoptedOn ?? null,
      in_force_on: input.inForceOn ?? null,
      status: input.status,
      amends: input.amends ?? [],
      document_url: input.documentUrl ?? null,
      source: source ?? '',
      confidence: CONFIDENCE_TEXT[input.confidence ?? Confidence.TO_VERIFY],
      notes: input.notes ?? null,
      last_verified_on: null,
      synthetic: false,
      review_status: editor ? ReviewStatus.PUBLISHED : ReviewStatus.PENDING_REVIEW,
    };
    return runWrite(ctx, async (trx) => {
      const created = await insertLegislation(trx, row);
      return {
        result: created,
        audit: [
          {
            entityType: 'Legislation',
            entityId: created.id,
            action: editor ? 'CREATE' : 'SUBMIT',
            before: null,
            after: created,
          },
        ],
        invalidate: legislationInvalidation(created),
      };
    });
  }

  @Authorized('editor', 'state_focal_point')
  @Mutation(() => Legislation, {
    description:
      'Changes a law (to repeal, set status REPEALED). A focal point may change its own country’s unpublished submissions only.',
  })
  async updateLegislation(
    @Arg('id', () => ID, { description: 'The law.' }) id: string,
    @Arg('input', () => UpdateLegislationInput, {
      description: 'The fields to change; fields left out keep their values.',
    })
    input: UpdateLegislationInput,
    @Ctx() ctx: LawsContext,
  ): Promise<Legislation> {
    const { problems, title, source } = checkLegislationText(input, false);
    if (problems.length > 0) {
      throw badUserInput(problems);
    }
    await checkAmends(ctx, input.amends);
    if (input.amends?.includes(id)) {
      throw badUserInput([{ field: 'input.amends', message: 'a law cannot amend itself' }]);
    }
    return runWrite(ctx, async (trx) => {
      const before = await findLegislationForUpdate(trx, id);
      if (!before) {
        throw notFound('Legislation', id, 'id');
      }
      assertFocalPointScope(ctx, 'Legislation', before, 'id');
      // Omitted and null fields both keep their stored value.
      const changes: Partial<NewLegislationRow> = patchOf({
        title,
        original_title: input.originalTitle ?? undefined,
        original_language: input.originalLanguage ?? undefined,
        type: input.type ?? undefined,
        year: input.year ?? undefined,
        adopted_on: input.adoptedOn ?? undefined,
        in_force_on: input.inForceOn ?? undefined,
        status: input.status ?? undefined,
        document_url: input.documentUrl ?? undefined,
        source,
        confidence: input.confidence != null ? CONFIDENCE_TEXT[input.confidence] : undefined,
        notes: input.notes ?? undefined,
        last_verified_on: input.lastVerifiedOn ?? undefined,
        amends: input.amends ?? undefined,
        review_status: isEditor(ctx.viewer) ? undefined : ReviewStatus.PENDING_REVIEW,
      });
      const after = await updateLegislationRow(trx, id, changes);
      const repealed =
        before.status !== LegislationStatus.REPEALED && after.status === LegislationStatus.REPEALED;
      return {
        result: after,
        audit: [
          {
            entityType: 'Legislation',
            entityId: id,
            action: repealed ? 'REPEAL' : 'UPDATE',
            before,
            after,
          },
        ],
        invalidate: legislationInvalidation(after, before.amendsIds),
      };
    });
  }

  @Authorized('editor')
  @Mutation(() => Legislation, {
    description:
      'Promotes a catalogue entry (a law as the UNCTAD catalogue lists it) to a curated record with the type, status and dates a curator read in the source given; the catalogue listing stays as a second source. Editors only; audited (PROMOTE).',
  })
  async promoteCatalogueEntry(
    @Arg('id', () => ID, { description: 'The catalogue entry, such as "UNCTAD-KEN-1".' })
    id: string,
    @Arg('input', () => PromoteCatalogueEntryInput, {
      description:
        'What the curator adds: the facts the catalogue does not give, read from the source named.',
    })
    input: PromoteCatalogueEntryInput,
    @Ctx() ctx: LawsContext,
  ): Promise<Legislation> {
    const { problems, title, source } = checkLegislationText(
      { title: input.title, source: input.source, year: input.year },
      false,
    );
    if (!source) {
      problems.push({ field: 'input.source', message: 'is required' });
    }
    if (input.adoptedOn && input.inForceOn && input.inForceOn < input.adoptedOn) {
      problems.push({ field: 'input.inForceOn', message: 'is before the adoption date' });
    }
    if (problems.length > 0) {
      throw badUserInput(problems);
    }
    return runWrite(ctx, async (trx) => {
      const before = await findLegislationForUpdate(trx, id);
      if (!before) {
        throw notFound('Legislation', id, 'id');
      }
      if (before.kind !== LegislationKind.CATALOGUE_ENTRY) {
        throw badUserInput([{ field: 'id', message: `${id} is already a curated record` }]);
      }
      const after = await updateLegislationRow(trx, id, {
        kind: LegislationKind.CURATED,
        title: title ?? before.title,
        original_title: input.originalTitle ?? null,
        original_language: input.originalLanguage ?? before.originalLanguage,
        type: input.type,
        year: input.year ?? null,
        adopted_on: input.adoptedOn ?? null,
        in_force_on: input.inForceOn ?? null,
        status: input.status,
        document_url: input.documentUrl ?? before.documentUrl,
        source: source ?? '',
        // The record's facts are now the curator's; the catalogue's licence stays with the listing.
        licence: null,
        confidence: CONFIDENCE_TEXT[input.confidence ?? Confidence.TO_VERIFY],
        notes: input.notes ?? before.notes,
      });
      return {
        result: after,
        audit: [{ entityType: 'Legislation', entityId: id, action: 'PROMOTE', before, after }],
        invalidate: legislationInvalidation(after),
      };
    });
  }

  @Authorized('editor')
  @Mutation(() => Legislation, {
    description:
      'Publishes a submitted law and its submitted provisions, making them visible to everyone. Editors only.',
  })
  async publishLegislation(
    @Arg('id', () => ID, { description: 'The law.' }) id: string,
    @Ctx() ctx: LawsContext,
  ): Promise<Legislation> {
    return this.review(ctx, id, ReviewStatus.PUBLISHED, 'PUBLISH');
  }

  @Authorized('editor')
  @Mutation(() => Legislation, {
    description:
      'Rejects a submitted law: kept for the audit trail, visible to editors and the submitting focal point, never to the public. Editors only.',
  })
  async rejectLegislation(
    @Arg('id', () => ID, { description: 'The law.' }) id: string,
    @Ctx() ctx: LawsContext,
  ): Promise<Legislation> {
    return this.review(ctx, id, ReviewStatus.REJECTED, 'REJECT');
  }

  @Authorized('editor')
  @Mutation(() => Legislation, {
    description:
      'Archives a law: hidden from everyone but editors, kept for history. Editors only.',
  })
  async archiveLegislation(
    @Arg('id', () => ID, { description: 'The law.' }) id: string,
    @Ctx() ctx: LawsContext,
  ): Promise<Legislation> {
    return this.review(ctx, id, ReviewStatus.ARCHIVED, 'ARCHIVE');
  }

  @Authorized('editor', 'state_focal_point')
  @Mutation(() => LegalProvision, {
    description:
      'Adds a provision to a law, tagged with codes checked against their lists. A focal point adds to its own country’s laws; the provision waits in PENDING_REVIEW.',
  })
  async createProvision(
    @Arg('input', () => CreateProvisionInput, {
      description:
        'The provision to record under a law; every invalid field is reported at once (BAD_USER_INPUT).',
    })
    input: CreateProvisionInput,
    @Ctx() ctx: LawsContext,
  ): Promise<LegalProvision> {
    const editor = isEditor(ctx.viewer);
    const legislation = await ctx.loaders.legislationById.load(input.legislationId);
    // A law the viewer may not see is NOT_FOUND, naming no country.
    if (!legislation || !isVisible(ctx.viewer, legislation)) {
      throw notFound('Legislation', input.legislationId, 'input.legislationId');
    }
    if (!editor && legislation.countryIso3 !== ctx.viewer.countryIso3) {
      throw forbiddenField(
        'input.legislationId',
        'a focal point adds provisions to laws of its own State only',
      );
    }
    const { label, summary, source } = await checkProvisionInput(ctx, input, true);
    const row: NewLegalProvisionRow = {
      id: `${legislation.id}-P${randomUUID().slice(0, 8).toUpperCase()}`,
      legislation_id: legislation.id,
      country_iso3: legislation.countryIso3,
      label: label ?? '',
      summary: summary ?? '',
      sort_order: input.sortOrder ?? 10_000,
      offence_categories: input.offenceCategories ?? [],
      procedural_powers: input.proceduralPowers ?? [],
      cooperation_mechanisms: input.cooperationMechanisms ?? [],
      cross_cutting_issues: input.crossCuttingIssues ?? [],
      instrument_articles: input.instrumentArticles ?? [],
      source: source ?? '',
      confidence: CONFIDENCE_TEXT[input.confidence ?? Confidence.TO_VERIFY],
      notes: input.notes ?? null,
      synthetic: false,
      // A provision is published with its law: one added to an unpublished law waits for it.
      review_status:
        editor && legislation.reviewStatus === ReviewStatus.PUBLISHED
          ? ReviewStatus.PUBLISHED
          : ReviewStatus.PENDING_REVIEW,
    };
    return runWrite(ctx, async (trx) => {
      const created = await insertProvision(trx, row);
      return {
        result: created,
        audit: [
          {
            entityType: 'LegalProvision',
            entityId: created.id,
            action: editor ? 'CREATE' : 'SUBMIT',
            before: null,
            after: created,
          },
        ],
        invalidate: provisionInvalidation(created),
      };
    });
  }

  @Authorized('editor', 'state_focal_point')
  @Mutation(() => LegalProvision, {
    description:
      'Changes a provision. A focal point may change its own country’s unpublished submissions only.',
  })
  async updateProvision(
    @Arg('id', () => ID, { description: 'The provision.' }) id: string,
    @Arg('input', () => UpdateProvisionInput, {
      description: 'The fields to change; fields left out keep their values.',
    })
    input: UpdateProvisionInput,
    @Ctx() ctx: LawsContext,
  ): Promise<LegalProvision> {
    const { label, summary, source } = await checkProvisionInput(ctx, input, false);
    return runWrite(ctx, async (trx) => {
      const before = await findProvisionForUpdate(trx, id);
      if (!before) {
        throw notFound('LegalProvision', id, 'id');
      }
      assertFocalPointScope(ctx, 'LegalProvision', before, 'id');
      const after = await updateProvisionRow(
        trx,
        id,
        patchOf({
          label,
          summary,
          source,
          sort_order: input.sortOrder ?? undefined,
          offence_categories: input.offenceCategories ?? undefined,
          procedural_powers: input.proceduralPowers ?? undefined,
          cooperation_mechanisms: input.cooperationMechanisms ?? undefined,
          cross_cutting_issues: input.crossCuttingIssues ?? undefined,
          instrument_articles: input.instrumentArticles ?? undefined,
          confidence: input.confidence != null ? CONFIDENCE_TEXT[input.confidence] : undefined,
          notes: input.notes ?? undefined,
          review_status: isEditor(ctx.viewer) ? undefined : ReviewStatus.PENDING_REVIEW,
        }),
      );
      return {
        result: after,
        audit: [{ entityType: 'LegalProvision', entityId: id, action: 'UPDATE', before, after }],
        invalidate: provisionInvalidation(after),
      };
    });
  }

  @Authorized('editor')
  @Mutation(() => LegalProvision, {
    description: 'Archives a provision: hidden from everyone but editors. Editors only.',
  })
  async archiveProvision(
    @Arg('id', () => ID, { description: 'The provision.' }) id: string,
    @Ctx() ctx: LawsContext,
  ): Promise<LegalProvision> {
    return runWrite(ctx, async (trx) => {
      const before = await findProvisionForUpdate(trx, id);
      if (!before) {
        throw notFound('LegalProvision', id, 'id');
      }
      const after = await updateProvisionRow(trx, id, { review_status: ReviewStatus.ARCHIVED });
      return {
        result: after,
        audit: [{ entityType: 'LegalProvision', entityId: id, action: 'ARCHIVE', before, after }],
        invalidate: provisionInvalidation(after),
      };
    });
  }

  private async review(
    ctx: LawsContext,
    id: string,
    target: ReviewStatus,
    action: string,
  ): Promise<Legislation> {
    return runWrite(ctx, async (trx) => {
      const before = await findLegislationForUpdate(trx, id);
      if (!before) {
        throw notFound('Legislation', id, 'id');
      }
      const lawChanges = before.reviewStatus !== target;
      const after = lawChanges
        ? await updateLegislationRow(trx, id, { review_status: target })
        : before;
      const audit: AuditRecord[] = lawChanges
        ? [{ entityType: 'Legislation', entityId: id, action, before, after }]
        : [];
      const keys = [...legislationInvalidation(after).keys];
      const tags = [...legislationInvalidation(after).tags];
      // Publishing also publishes the law's provisions that await review, including provisions
      // a focal point added to a law that was already published.
      if (target === ReviewStatus.PUBLISHED) {
        const provisions = await publishPendingProvisions(trx, id);
        for (const p of provisions.after) {
          audit.push({
            entityType: 'LegalProvision',
            entityId: p.id,
            action,
            before: provisions.before.find((b) => b.id === p.id) ?? null,
            after: p,
          });
          keys.push(...provisionInvalidation(p).keys);
          tags.push(...provisionInvalidation(p).tags);
        }
      }
      if (audit.length === 0) {
        throw badUserInput([
          {
            field: 'id',
            message: `is already ${target}${target === ReviewStatus.PUBLISHED ? ' and has no provisions awaiting review' : ''}`,
          },
        ]);
      }
      return { result: after, audit, invalidate: { keys, tags } };
    });
  }
}
