import type { Transaction } from 'kysely';
import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { AuditRecord } from '../../loaders/audit.js';
import { badUserInput, found } from '../../schema/errors.js';
import { ReviewStatus } from '../../schema/review.js';
import { runWrite } from '../../schema/writes.js';
import type { LawsContext } from './context.js';
import {
  assertMayChangeLaw,
  assertMaySubmitLaw,
  assertVisibleLaws,
  changedStatus,
  createAction,
  createdStatus,
} from './laws.access.js';
import { legislationPurge, provisionPurge } from './laws.loaders.js';
import type { LawsTables } from './laws.table.js';
import { Legislation, LegislationKind, LegislationStatus } from './legislation.entity.js';
import {
  CreateLegislationInput,
  PromoteCatalogueEntryInput,
  UpdateLegislationInput,
} from './legislation.input.js';
import {
  findLegislationForUpdate,
  insertLegislation,
  toLegislationChanges,
  toLegislationRow,
  toPromotedChanges,
  updateLegislation,
} from './legislation.repository.js';
import {
  validateLegislationChanges,
  validateNewLegislation,
  validatePromotion,
} from './legislation.validation.js';
import { publishPendingProvisions } from './provision.repository.js';

// A law's writes: editors create, change, promote and review; a State's focal point submits laws
// of its own State, which wait in PENDING_REVIEW until an editor publishes them (with the
// provisions that await review), rejects or archives them. Each write is one `runWrite`: the
// change and its audit entries in one transaction, then the purge (`legislationPurge`).

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
    assertMaySubmitLaw(ctx.viewer, input.countryIso3);
    const values = validateNewLegislation(input);
    await assertVisibleLaws(ctx, values.amends, 'input.amends');
    const row = toLegislationRow(values, createdStatus(ctx.viewer));
    return runWrite(ctx, async (trx) => {
      const created = await insertLegislation(trx, row);
      return {
        result: created,
        audit: [
          {
            entityType: 'Legislation',
            entityId: created.id,
            action: createAction(ctx.viewer),
            before: null,
            after: created,
          },
        ],
        invalidate: legislationPurge(created),
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
    const values = validateLegislationChanges(id, input);
    await assertVisibleLaws(ctx, values.amends, 'input.amends');
    return runWrite(ctx, async (trx) => {
      const before = await lockedLaw(trx, id);
      assertMayChangeLaw(ctx.viewer, 'Legislation', before);
      const changes = toLegislationChanges(values, changedStatus(ctx.viewer));
      const after = await updateLegislation(trx, id, changes);
      const repealed =
        before.status !== LegislationStatus.REPEALED && after.status === LegislationStatus.REPEALED;
      const action = repealed ? 'REPEAL' : 'UPDATE';
      return {
        result: after,
        audit: [{ entityType: 'Legislation', entityId: id, action, before, after }],
        invalidate: legislationPurge(after, before.amendsIds),
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
    const values = validatePromotion(input);
    return runWrite(ctx, async (trx) => {
      const before = await lockedLaw(trx, id);
      if (before.kind !== LegislationKind.CATALOGUE_ENTRY) {
        throw badUserInput([{ field: 'id', message: `${id} is already a curated record` }]);
      }
      const after = await updateLegislation(trx, id, toPromotedChanges(before, values));
      return {
        result: after,
        audit: [{ entityType: 'Legislation', entityId: id, action: 'PROMOTE', before, after }],
        invalidate: legislationPurge(after),
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
    return reviewLegislation(ctx, id, ReviewStatus.PUBLISHED, 'PUBLISH');
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
    return reviewLegislation(ctx, id, ReviewStatus.REJECTED, 'REJECT');
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
    return reviewLegislation(ctx, id, ReviewStatus.ARCHIVED, 'ARCHIVE');
  }
}

/** The law under a row lock; NOT_FOUND when there is none. */
async function lockedLaw(trx: Transaction<LawsTables>, id: string): Promise<Legislation> {
  return found(await findLegislationForUpdate(trx, id), 'Legislation', id, 'id');
}

/**
 * An editor's decision on a law. Publishing also publishes the law's provisions that await
 * review, including provisions a focal point added to a law that was already published.
 */
async function reviewLegislation(
  ctx: LawsContext,
  id: string,
  target: ReviewStatus,
  action: string,
): Promise<Legislation> {
  return runWrite(ctx, async (trx) => {
    const before = await lockedLaw(trx, id);
    const lawChanges = before.reviewStatus !== target;
    const after = lawChanges ? await updateLegislation(trx, id, { review_status: target }) : before;
    const audit: AuditRecord[] = lawChanges
      ? [{ entityType: 'Legislation', entityId: id, action, before, after }]
      : [];
    const purges = [legislationPurge(after)];
    if (target === ReviewStatus.PUBLISHED) {
      const provisions = await publishPendingProvisions(trx, id);
      for (const p of provisions.after) {
        const was = provisions.before.find((b) => b.id === p.id) ?? null;
        audit.push({ entityType: 'LegalProvision', entityId: p.id, action, before: was, after: p });
        purges.push(provisionPurge(p));
      }
    }
    if (audit.length === 0) {
      const waiting =
        target === ReviewStatus.PUBLISHED ? ' and has no provisions awaiting review' : '';
      throw badUserInput([{ field: 'id', message: `is already ${target}${waiting}` }]);
    }
    const invalidate = {
      keys: purges.flatMap((p) => p.keys),
      tags: purges.flatMap((p) => p.tags),
    };
    return { result: after, audit, invalidate };
  });
}
