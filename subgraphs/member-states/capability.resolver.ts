import { randomUUID } from 'node:crypto';
import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { Confidence } from '../../schema/common-types.js';
import { listSize } from '../../schema/cost.js';
import { badUserInput, notFound, type InvalidField } from '../../schema/errors.js';
import { runWrite } from '../../schema/writes.js';
import {
  CapabilityIndicator,
  CorrectCapabilityIndicatorInput,
  RecordCapabilityIndicatorInput,
} from './capability.entity.js';
import {
  correctCapabilityIndicator,
  insertCapabilityIndicator,
  lockCapabilityIndicator,
  toCapabilityIndicator,
  withdrawCapabilityIndicator,
} from './capability.repository.js';
import type { MemberStatesContext } from './context.js';
import { CAPABILITY_CACHE } from './country.loaders.js';
import { Country } from './country.entity.js';

function text(
  problems: InvalidField[],
  field: string,
  value: string | null | undefined,
  max: number,
): string | null {
  if (value === null || value === undefined) {
    return null;
  }
  const trimmed = value.trim();
  if (!trimmed || trimmed.length > max) {
    problems.push({ field, message: `must be 1–${max} characters` });
  }
  return trimmed;
}

/** Every problem of the input at once, each naming its field (`extra`: problems found before). */
function check(input: RecordCapabilityIndicatorInput, extra: InvalidField[] = []) {
  const problems: InvalidField[] = [...extra];
  const indexName = text(problems, 'input.indexName', input.indexName, 100) ?? '';
  const edition = text(problems, 'input.edition', input.edition, 20) ?? '';
  const pillar = text(problems, 'input.pillar', input.pillar, 100) ?? '';
  const tier = text(problems, 'input.tier', input.tier, 40);
  const notes = text(problems, 'input.notes', input.notes, 2000);
  const score = input.score ?? null;
  const scoreMax = input.scoreMax ?? null;
  if (score === null && tier === null) {
    problems.push({ field: 'input.score', message: 'give a score, a tier or both' });
  }
  if (score !== null) {
    if (scoreMax === null) {
      problems.push({ field: 'input.scoreMax', message: 'is required with a score' });
    } else if (Number(scoreMax) <= 0) {
      problems.push({ field: 'input.scoreMax', message: 'must be above 0' });
    } else if (Number(score) < 0 || Number(score) > Number(scoreMax)) {
      problems.push({ field: 'input.score', message: `must be between 0 and ${scoreMax}` });
    }
  }
  if (problems.length > 0) {
    throw badUserInput(problems);
  }
  return { indexName, edition, pillar, tier, notes, score, scoreMax };
}

function storedConfidence(confidence: Confidence | null | undefined): string {
  return (confidence ?? Confidence.TO_VERIFY) === Confidence.VERIFIED ? 'verified' : 'to verify';
}

const purgeOf = (countryIso3: string) => ({
  keys: [CAPABILITY_CACHE + countryIso3],
  tags: ['CapabilityIndicator'],
});

@Resolver(() => Country)
export class CountryCapabilityResolver {
  @listSize(6)
  @FieldResolver(() => [CapabilityIndicator], {
    description:
      'Published capability index values recorded for this country, by index, edition (newest first) and pillar. Empty until an editor records one.',
  })
  async capabilityIndicators(
    @Root() country: Country,
    @Ctx() ctx: MemberStatesContext,
    @Arg('indexName', () => String, { nullable: true, description: 'Only this index.' })
    indexName?: string | null,
  ): Promise<CapabilityIndicator[]> {
    const all = (await ctx.loaders.capabilityIndicatorsByCountry.load(country.iso3)) ?? [];
    return indexName ? all.filter((i) => i.indexName === indexName) : all;
  }
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
    const values = check(input);
    if (!(await ctx.loaders.countryByIso3.load(input.countryIso3))) {
      throw notFound('Country', input.countryIso3, 'input.countryIso3');
    }
    return runWrite(
      ctx,
      async (trx) => {
        const created = await insertCapabilityIndicator(trx, {
          id: `ci-${randomUUID()}`,
          country_iso3: input.countryIso3,
          index_name: values.indexName,
          edition: values.edition,
          pillar: values.pillar,
          score: values.score,
          score_max: values.score !== null ? values.scoreMax : null,
          tier: values.tier,
          source_url: input.sourceUrl,
          confidence: storedConfidence(input.confidence),
          notes: values.notes,
        });
        return {
          result: created,
          audit: [
            {
              entityType: 'CapabilityIndicator',
              entityId: created.id,
              action: 'CREATE',
              before: null,
              after: created,
            },
          ],
          invalidate: purgeOf(created.countryIso3),
        };
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
    const reasonProblems: InvalidField[] = [];
    const reason = text(reasonProblems, 'input.reason', input.reason, 1000) ?? '';
    return runWrite(ctx, async (trx) => {
      const row = await lockCapabilityIndicator(trx, id);
      if (!row || row.withdrawn_at !== null) {
        throw notFound('CapabilityIndicator', id, 'id');
      }
      const before = toCapabilityIndicator(row);
      const values = check(
        {
          ...input,
          countryIso3: before.countryIso3,
          indexName: before.indexName,
          edition: before.edition,
          pillar: before.pillar,
        },
        reasonProblems,
      );
      const after = await correctCapabilityIndicator(trx, id, {
        score: values.score,
        score_max: values.score !== null ? values.scoreMax : null,
        tier: values.tier,
        source_url: input.sourceUrl,
        confidence: storedConfidence(input.confidence),
        notes: values.notes,
      });
      return {
        result: after,
        audit: [
          {
            entityType: 'CapabilityIndicator',
            entityId: id,
            action: 'CORRECT',
            before,
            after: { ...after, reason },
          },
        ],
        invalidate: purgeOf(before.countryIso3),
      };
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
    const problems: InvalidField[] = [];
    const why = text(problems, 'reason', reason, 1000) ?? '';
    if (problems.length > 0) {
      throw badUserInput(problems);
    }
    return runWrite(ctx, async (trx) => {
      const row = await lockCapabilityIndicator(trx, id);
      if (!row || row.withdrawn_at !== null) {
        throw notFound('CapabilityIndicator', id, 'id');
      }
      const withdrawn = await withdrawCapabilityIndicator(trx, id, why);
      return {
        result: withdrawn,
        audit: [
          {
            entityType: 'CapabilityIndicator',
            entityId: id,
            action: 'WITHDRAW',
            before: toCapabilityIndicator(row),
            after: { withdrawn: true, reason: why },
          },
        ],
        invalidate: purgeOf(withdrawn.countryIso3),
      };
    });
  }
}
