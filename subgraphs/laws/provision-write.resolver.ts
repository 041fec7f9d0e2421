import type { Transaction } from 'kysely';
import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { found } from '../../schema/errors.js';
import { ReviewStatus } from '../../schema/review.js';
import { runWrite } from '../../schema/writes.js';
import type { LawsContext } from './context.js';
import {
  assertInstruments,
  assertMayChangeLaw,
  changedStatus,
  createAction,
  getVisibleLegislation,
  provisionStatus,
} from './laws.access.js';
import { allCodeEntries, provisionPurge } from './laws.loaders.js';
import type { LawsTables } from './laws.table.js';
import { LegalProvision } from './legislation.entity.js';
import { CreateProvisionInput, UpdateProvisionInput } from './provision.input.js';
import {
  findProvisionForUpdate,
  insertProvision,
  toProvisionChanges,
  toProvisionRow,
  updateProvision,
} from './provision.repository.js';
import { validateNewProvision, validateProvisionChanges } from './provision.validation.js';

// A provision's writes: added under a law, tagged with codes checked against their lists. A
// focal point adds to its own State's laws and changes its own unpublished provisions; a
// provision is published with its law (`publishLegislation`).

@Resolver()
export class ProvisionWriteResolver {
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
    const law = await getVisibleLegislation(ctx, input.legislationId, 'input.legislationId');
    const status = provisionStatus(ctx.viewer, law);
    const { values, instruments } = validateNewProvision(input, await allCodeEntries(ctx));
    await assertInstruments(ctx, instruments);
    const row = toProvisionRow(values, law, status);
    return runWrite(ctx, async (trx) => {
      const created = await insertProvision(trx, row);
      return {
        result: created,
        audit: [
          {
            entityType: 'LegalProvision',
            entityId: created.id,
            action: createAction(ctx.viewer),
            before: null,
            after: created,
          },
        ],
        invalidate: provisionPurge(created),
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
    const { values, instruments } = validateProvisionChanges(input, await allCodeEntries(ctx));
    await assertInstruments(ctx, instruments);
    return runWrite(ctx, async (trx) => {
      const before = await lockedProvision(trx, id);
      assertMayChangeLaw(ctx.viewer, 'LegalProvision', before);
      const changes = toProvisionChanges(values, changedStatus(ctx.viewer));
      const after = await updateProvision(trx, id, changes);
      return {
        result: after,
        audit: [{ entityType: 'LegalProvision', entityId: id, action: 'UPDATE', before, after }],
        invalidate: provisionPurge(after),
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
      const before = await lockedProvision(trx, id);
      const after = await updateProvision(trx, id, { review_status: ReviewStatus.ARCHIVED });
      return {
        result: after,
        audit: [{ entityType: 'LegalProvision', entityId: id, action: 'ARCHIVE', before, after }],
        invalidate: provisionPurge(after),
      };
    });
  }
}

/** The provision under a row lock; NOT_FOUND when there is none. */
async function lockedProvision(trx: Transaction<LawsTables>, id: string): Promise<LegalProvision> {
  return found(await findProvisionForUpdate(trx, id), 'LegalProvision', id, 'id');
}
