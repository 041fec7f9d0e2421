import { randomUUID } from 'node:crypto';
import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import type { AuditRecord } from '../../loaders/audit.js';
import { notFound } from '../../schema/errors.js';
import { runWrite, type WriteOutcome } from '../../schema/writes.js';
import { CapabilityIndicator } from './capability.entity.js';
import {
  CorrectCapabilityIndicatorInput,
  RecordCapabilityIndicatorInput,
} from './capability.input.js';
import {
  correctCapabilityIndicator,
  insertCapabilityIndicator,
  lockCapabilityIndicator,
  toCapabilityIndicator,
  withdrawCapabilityIndicator,
} from './capability.repository.js';
import { checkCorrection, checkRecord, checkWithdrawal } from './capability.validation.js';
import type { MemberStatesContext } from './context.js';
import { MEMBER_STATES_CACHE } from './member-states.loaders.js';

/** One audited write of an indicator, purging its country's list. */
function written(
  result: CapabilityIndicator,
  audit: Pick<AuditRecord, 'action' | 'before' | 'after'>,
): WriteOutcome<CapabilityIndicator> {
  return {
    result,
    audit: [{ entityType: 'CapabilityIndicator', entityId: result.id, ...audit }],
    invalidate: {
      keys: [MEMBER_STATES_CACHE.capabilityIndicatorsByCountry.key(result.countryIso3)],
      tags: ['CapabilityIndicator'],
    },
  };
}

/** The indicator under a row lock, as it stands; NOT_FOUND when unknown or withdrawn. */
async function lockRecorded(
  trx: Parameters<typeof lockCapabilityIndicator>[0],
  id: string,
): Promise<CapabilityIndicator> {
  const row = await lockCapabilityIndicator(trx, id);
  if (!row || row.withdrawn_at !== null) {
    throw notFound('CapabilityIndicator', id, 'id');
  }
  return toCapabilityIndicator(row);
}

@Resolver(() => CapabilityIndicator)
export class CapabilityIndicatorWriteResolver {
  @Authorized('editor')
  @Mutation(() => CapabilityIndicator, {
    description:
      'Records a published capability index value for a country (editors). One value per country, index, edition and pillar; audited.',
  })
  async recordCapabilityIndicator(
    @Arg('input', () => RecordCapabilityIndicatorInput, {
      description: 'The capability indicator value to record for a State, with its source.',
    })
    input: RecordCapabilityIndicatorInput,
    @Ctx() ctx: MemberStatesContext,
  ): Promise<CapabilityIndicator> {
    const values = checkRecord(input);
    if (!(await ctx.loaders.countryByIso3.load(input.countryIso3))) {
      throw notFound('Country', input.countryIso3, 'input.countryIso3');
    }
    return runWrite(
      ctx,
      async (trx) => {
        const created = await insertCapabilityIndicator(trx, {
          ...input,
          ...values,
          id: `ci-${randomUUID()}`,
        });
        return written(created, { action: 'CREATE', before: null, after: created });
      },
      { capability_indicator_edition_key: 'input.edition' },
    );
  }

  @Authorized('editor')
  @Mutation(() => CapabilityIndicator, {
    description:
      'Corrects a recorded value (editors): score, tier, source, confidence and notes, with the reason; audited with the value before and after. NOT_FOUND for an unknown or withdrawn one.',
  })
  async correctCapabilityIndicator(
    @Arg('id', () => String, { description: 'The indicator.' }) id: string,
    @Arg('input', () => CorrectCapabilityIndicatorInput, {
      description: 'The corrected values and the reason for the correction.',
    })
    input: CorrectCapabilityIndicatorInput,
    @Ctx() ctx: MemberStatesContext,
  ): Promise<CapabilityIndicator> {
    const { value, reason } = checkCorrection(input);
    return runWrite(ctx, async (trx) => {
      const before = await lockRecorded(trx, id);
      const after = await correctCapabilityIndicator(trx, id, { ...input, ...value });
      return written(after, { action: 'CORRECT', before, after: { ...after, reason } });
    });
  }

  @Authorized('editor')
  @Mutation(() => CapabilityIndicator, {
    description:
      'Withdraws a recorded value (editors), with the reason: kept for the audit trail, left out of `Country.capabilityIndicators`. NOT_FOUND for an unknown or already withdrawn one.',
  })
  async withdrawCapabilityIndicator(
    @Arg('id', () => String, { description: 'The indicator.' }) id: string,
    @Arg('reason', () => String, { description: 'Why, 1–1,000 characters (audited).' })
    reason: string,
    @Ctx() ctx: MemberStatesContext,
  ): Promise<CapabilityIndicator> {
    const why = checkWithdrawal(reason);
    return runWrite(ctx, async (trx) => {
      const before = await lockRecorded(trx, id);
      const withdrawn = await withdrawCapabilityIndicator(trx, id, why);
      const after = { withdrawn: true, reason: why };
      return written(withdrawn, { action: 'WITHDRAW', before, after });
    });
  }
}
