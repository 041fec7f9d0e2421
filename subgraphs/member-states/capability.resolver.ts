import { randomUUID } from 'node:crypto';
import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { Confidence } from '../../schema/common-types.js';
import { listSize } from '../../schema/cost.js';
import { badUserInput, notFound, type InvalidField } from '../../schema/errors.js';
import { runWrite } from '../../schema/writes.js';
import { CapabilityIndicator, RecordCapabilityIndicatorInput } from './capability.entity.js';
import { insertCapabilityIndicator } from './capability.repository.js';
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

/** Every problem of the input at once, each naming its field. */
function check(input: RecordCapabilityIndicatorInput) {
  const problems: InvalidField[] = [];
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
          confidence:
            (input.confidence ?? Confidence.TO_VERIFY) === Confidence.VERIFIED
              ? 'verified'
              : 'to verify',
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
          invalidate: {
            keys: [CAPABILITY_CACHE + created.countryIso3],
            tags: ['CapabilityIndicator'],
          },
        };
      },
      { capability_indicator_edition_key: 'input.edition' },
    );
  }
}
