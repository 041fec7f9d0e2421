import type { Kysely } from 'kysely';
import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { KeyValueCache } from '../../loaders/cache.js';
import type { Viewer } from '../../loaders/identity.js';
import { notFound, found } from '../../schema/errors.js';
import { ReviewStatus } from '../../schema/review.js';
import type { UnverifiedOrganization } from '../../schema/sourced.js';
import { runWrite, type WriteOutcome } from '../../schema/writes.js';
import type { PartnersContext } from './context.js';
import { Organization } from './organization.entity.js';
import { CreateOrganizationInput, UpdateOrganizationInput } from './organization.input.js';
import {
  insertOrganization,
  insertUnverifiedOrganizations,
  updateOrganization,
} from './organization.repository.js';
import {
  checkNewOrganization,
  checkOrganizationChanges,
  checkUnverifiedOrganizations,
  type CountryFacts,
} from './organization.validation.js';
import { assertMayEditFields, assertMayEditOrganization } from './partners.access.js';
import { forgetRequestMemo, organizationCacheKeys, PARTNERS_CACHE } from './partners.loaders.js';
import type { PartnersTables } from './partners.table.js';

/** Which of an input's countries exist. */
async function countryFacts(
  ctx: PartnersContext,
  input: { hqCountry?: string | null; countriesOfOperation?: string[] | null },
): Promise<CountryFacts> {
  const [hq, operating] = await Promise.all([
    input.hqCountry ? ctx.loaders.regionByCountryIso3.load(input.hqCountry) : 'none given',
    ctx.loaders.regionByCountryIso3.loadMany(input.countriesOfOperation ?? []),
  ]);
  return {
    hqFound: hq !== null,
    operatingFound: operating.map((r) => typeof r === 'string'),
  };
}

/** One audited organization write, purging the entity, its countries and their partner lists. */
function written(
  id: string,
  audit: { action: string; before: unknown; after: unknown },
  countries: readonly string[],
): WriteOutcome<undefined> {
  return {
    result: undefined,
    audit: [{ entityType: 'Organization', entityId: id, ...audit }],
    invalidate: {
      keys: organizationCacheKeys(id, countries),
      tags: ['Organization', `Organization:${id}`],
    },
  };
}

/** After a write this request's memoized loads are stale: forget them and read again. */
async function reload(ctx: PartnersContext, id: string): Promise<Organization> {
  forgetRequestMemo(ctx);
  return found(await ctx.loaders.organizationById.load(id), 'Organization', id, 'id');
}

@Resolver(() => Organization)
export class OrganizationWriteResolver {
  @Authorized('editor')
  @Mutation(() => Organization, { description: 'Adds an organization. Editors only.' })
  async createOrganization(
    @Arg('input', () => CreateOrganizationInput, {
      description:
        'The organization to record; every invalid field is reported at once (BAD_USER_INPUT).',
    })
    input: CreateOrganizationInput,
    @Ctx() ctx: PartnersContext,
  ): Promise<Organization> {
    const organization = checkNewOrganization(input, await countryFacts(ctx, input));
    const countries = organization.countriesOfOperation;
    await runWrite(
      ctx,
      async (trx) => {
        await insertOrganization(trx, organization);
        const after = { ...input, countriesOfOperation: countries };
        return written(input.id, { action: 'CREATE', before: null, after }, countries);
      },
      { organization_pkey: 'input.id' },
    );
    return reload(ctx, input.id);
  }

  @Authorized('editor', 'partner')
  @Mutation(() => Organization, {
    description:
      'Changes an organization. Editors: any organization and field. A partner: its own organization’s profile only (FORBIDDEN otherwise, naming the field).',
  })
  async updateOrganization(
    @Arg('id', () => ID, { description: 'The organization to change.' }) id: string,
    @Arg('input', () => UpdateOrganizationInput, {
      description: 'The fields to change; fields left out keep their values.',
    })
    input: UpdateOrganizationInput,
    @Ctx() ctx: PartnersContext,
  ): Promise<Organization> {
    assertMayEditOrganization(ctx.viewer, id);
    const before = await ctx.loaders.organizationById.load(id);
    if (!before) {
      throw notFound('Organization', id, 'id');
    }
    assertMayEditFields(ctx.viewer, input);
    const changes = checkOrganizationChanges(input, await countryFacts(ctx, input));
    const oldCountries = (await ctx.loaders.countriesByOrganizationId.load(id)) ?? [];
    await runWrite(ctx, async (trx) => {
      await updateOrganization(trx, id, changes);
      const audit = {
        action: 'UPDATE',
        before: { ...before, countriesOfOperation: oldCountries },
        after: changes,
      };
      return written(id, audit, [...oldCountries, ...(changes.countriesOfOperation ?? [])]);
    });
    return reload(ctx, id);
  }

  @Authorized('editor')
  @Mutation(() => Organization, {
    description: 'Withdraws an organization: ARCHIVED, kept for history, never deleted.',
  })
  async archiveOrganization(
    @Arg('id', () => ID, { description: 'The organization to archive.' }) id: string,
    @Ctx() ctx: PartnersContext,
  ): Promise<Organization> {
    const before = await ctx.loaders.organizationById.load(id);
    if (!before) {
      throw notFound('Organization', id, 'id');
    }
    const reviewStatus = ReviewStatus.ARCHIVED;
    await runWrite(ctx, async (trx) => {
      await updateOrganization(trx, id, { reviewStatus });
      return written(id, { action: 'ARCHIVE', before, after: { reviewStatus } }, []);
    });
    return reload(ctx, id);
  }
}

/**
 * Records organisations another subgraph's import met only by a reference or a name, such as an
 * IATI participating organisation that no curated record matches. The partners subgraph owns
 * every organisation, so imports register such organisations here and never write this schema
 * themselves. Each created one is audited in the same transaction. Idempotent: an id already
 * present is left as it is (an editor may have checked and changed it), and is not reported.
 * Returns the ids it created.
 */
export async function registerUnverifiedOrganizations(
  db: Kysely<PartnersTables>,
  organizations: readonly UnverifiedOrganization[],
  who: { viewer: Viewer; requestId: string; cache?: KeyValueCache | undefined },
): Promise<string[]> {
  checkUnverifiedOrganizations(organizations);
  if (organizations.length === 0) {
    return [];
  }
  // The partners subgraph's write, outside any request: the importer is the viewer.
  const ctx = {
    subgraph: 'partners',
    db,
    viewer: who.viewer,
    requestId: who.requestId,
    cache: who.cache,
  };
  return runWrite(ctx, async (trx) => {
    const created = await insertUnverifiedOrganizations(trx, organizations);
    const audit = organizations
      .filter((o) => created.includes(o.id))
      .map((o) => ({
        entityType: 'Organization',
        entityId: o.id,
        action: 'IMPORT_CREATE_UNVERIFIED',
        before: null,
        after: o,
      }));
    return {
      result: created,
      audit,
      invalidate: {
        keys: PARTNERS_CACHE.organizationById.keys(created),
        tags: ['Organization', ...created.map((id) => `Organization:${id}`)],
      },
    };
  });
}
