import { admits, IncludeSyntheticArg, syntheticFilter } from '../../schema/basis.js';
import { listSize } from '../../schema/cost.js';
import {
  Arg,
  Args,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  ID,
  InputType,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { badUserInput, forbiddenField, notFound, type InvalidField } from '../../schema/errors.js';
import {
  type Connection,
  connectionTypes,
  PageArgs,
  readPage,
  toConnection,
} from '../../schema/pagination.js';
import { isEditor } from '../../schema/access.js';
import { ReviewStatus } from '../../schema/review.js';
import { CountryCodeScalar, UrlScalar } from '../../schema/scalars.js';
import { patchOf, runWrite } from '../../schema/writes.js';
import type { PartnersContext } from './context.js';
import { Country } from './country.entity.js';
import { Organization, PartnerCategory } from './organization.entity.js';
import {
  countOrganizations,
  findOrganizationsPage,
  insertOrganization,
  replaceOperatingCountries,
  updateOrganization,
  type OrganizationFilterValues,
  type OrganizationPatch,
} from './organization.repository.js';
import { forgetRequestMemo, PARTNERS_CACHE } from './partners.loaders.js';
import { Partnership } from './partnership.entity.js';

const MAX_SEARCH_LENGTH = 100;
const SLUG = /^[a-z0-9][a-z0-9-]{1,62}$/;

@InputType({ description: 'Narrows `organizations`; all given conditions must hold.' })
export class OrganizationFilter {
  @Field(() => PartnerCategory, { nullable: true, description: 'Partner category.' })
  category?: PartnerCategory;

  @Field(() => CountryCodeScalar, {
    nullable: true,
    description: 'Declares this country among its countries of operation.',
  })
  countryOfOperation?: string;

  @Field(() => CountryCodeScalar, { nullable: true, description: 'Headquartered in this country.' })
  hqCountry?: string;

  @Field(() => String, {
    nullable: true,
    description: `Case-insensitive text in the name or acronym, or the exact id (1–${MAX_SEARCH_LENGTH} characters).`,
  })
  search?: string;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Include archived organizations (default false).',
  })
  includeArchived?: boolean;
}

@InputType({ description: 'A new organization. Editors only; real organizations only, cited.' })
export class CreateOrganizationInput {
  @Field(() => ID, {
    description: 'A stable slug: lower-case letters, digits and hyphens, 2–63 characters.',
  })
  id!: string;

  @Field(() => String, { description: 'Full name.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Acronym.' })
  acronym?: string;

  @Field(() => PartnerCategory, { description: 'Partner category.' })
  partnerCategory!: PartnerCategory;

  @Field(() => String, { nullable: true, description: 'IATI OrganisationType code.' })
  iatiOrgType?: string;

  @Field(() => String, { nullable: true, description: 'OECD DAC CRS channel code.' })
  crsChannelCode?: string;

  @Field(() => String, { nullable: true, description: 'IATI organisation identifier.' })
  iatiOrgId?: string;

  @Field(() => CountryCodeScalar, { nullable: true, description: 'Headquarters country.' })
  hqCountry?: string;

  @Field(() => UrlScalar, { nullable: true, description: 'Official website, from a source.' })
  website?: string;

  @Field(() => String, { nullable: true, description: 'Its role in the cybercrime domain.' })
  description?: string;

  @Field(() => [CountryCodeScalar], {
    nullable: true,
    description: 'Countries where it operates.',
  })
  countriesOfOperation?: string[];

  @Field(() => String, { description: 'The public source of this record.' })
  source!: string;
}

@InputType({
  description:
    'Changes to an organization; absent fields stay as they are. A partner may change its own profile fields (acronym, website, description, headquarters, countries of operation); editors may change every field.',
})
export class UpdateOrganizationInput {
  @Field(() => String, {
    nullable: true,
    description: 'Full name (editors only; cannot be cleared).',
  })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'Acronym; null clears it.' })
  acronym?: string | null;

  @Field(() => PartnerCategory, {
    nullable: true,
    description: 'Partner category (editors only; cannot be cleared).',
  })
  partnerCategory?: PartnerCategory | null;

  @Field(() => String, {
    nullable: true,
    description: 'IATI OrganisationType (editors only); null clears it.',
  })
  iatiOrgType?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'CRS channel code (editors only); null clears it.',
  })
  crsChannelCode?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'IATI identifier (editors only); null clears it.',
  })
  iatiOrgId?: string | null;

  @Field(() => CountryCodeScalar, {
    nullable: true,
    description: 'Headquarters country; null clears it.',
  })
  hqCountry?: string | null;

  @Field(() => UrlScalar, { nullable: true, description: 'Official website; null clears it.' })
  website?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Its role in the cybercrime domain; null clears it.',
  })
  description?: string | null;

  @Field(() => [CountryCodeScalar], {
    nullable: true,
    description: 'Replaces the countries where it operates; [] clears them.',
  })
  countriesOfOperation?: string[] | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'True once an editor has checked who an organisation an import created unverified is (editors only; cannot be cleared).',
  })
  verified?: boolean | null;
}

const EDITOR_ONLY_FIELDS = [
  'name',
  'partnerCategory',
  'iatiOrgType',
  'crsChannelCode',
  'iatiOrgId',
  'verified',
] as const;

const { Connection: OrganizationConnection } = connectionTypes<Organization>(
  Organization,
  'Organization',
);

function nonEmpty(value: string | undefined | null): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

@Resolver(() => Organization)
export class OrganizationResolver {
  @Query(() => Organization, { description: 'One organization by id; NOT_FOUND when unknown.' })
  async organization(
    @Arg('id', () => ID, { description: 'Its slug, such as "unodc".' }) id: string,
    @Ctx() ctx: PartnersContext,
  ): Promise<Organization> {
    const organization = await ctx.loaders.organizationById.load(id);
    if (!organization) {
      throw notFound('Organization', id, 'id');
    }
    return organization;
  }

  @Query(() => OrganizationConnection, {
    description: 'Partner organizations in name order, filtered and paginated.',
  })
  async organizations(
    @Ctx() ctx: PartnersContext,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => OrganizationFilter, {
      nullable: true,
      description: 'Narrows the organizations; omitted, every organization the viewer may see.',
    })
    filter?: OrganizationFilter,
    @IncludeSyntheticArg() includeSynthetic?: boolean,
  ): Promise<Connection<Organization>> {
    const { limit, after } = readPage(page, ['string', 'string'] as const);
    const values = {
      ...(await this.validateFilter(ctx, filter)),
      synthetic: syntheticFilter(includeSynthetic),
    };
    const [rows, totalCount] = await Promise.all([
      findOrganizationsPage(ctx.db, values, limit, after),
      countOrganizations(ctx.db, values),
    ]);
    return toConnection(rows, limit, totalCount, (o) => [o.name, o.id]);
  }

  @FieldResolver(() => Country, { nullable: true, description: 'Headquarters country.' })
  headquarters(@Root() organization: Organization): Country | null {
    return organization.hqCountryIso3 ? { iso3: organization.hqCountryIso3 } : null;
  }

  @listSize(10)
  @FieldResolver(() => [Country], {
    description:
      'Countries where it declares that it operates, in code order. Not inferred from partnerships (the seed data gives none).',
  })
  async countriesOfOperation(
    @Root() organization: Organization,
    @Ctx() ctx: PartnersContext,
  ): Promise<Country[]> {
    const codes = (await ctx.loaders.countriesByOrganizationId.load(organization.id)) ?? [];
    return codes.map((iso3) => ({ iso3 }));
  }

  @listSize(5)
  @FieldResolver(() => [Partnership], {
    description: 'Published partnerships it belongs to, in start-date order.',
  })
  async partnerships(
    @Root() organization: Organization,
    @Ctx() ctx: PartnersContext,
    @IncludeSyntheticArg() includeSynthetic?: boolean,
  ): Promise<Partnership[]> {
    const all = (await ctx.loaders.partnershipsByOrganizationId.load(organization.id)) ?? [];
    return all.filter((p) => admits(p, includeSynthetic));
  }

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
    const problems: InvalidField[] = [];
    if (!SLUG.test(input.id)) {
      problems.push({
        field: 'input.id',
        message: 'must be a slug of lower-case letters, digits and hyphens, 2–63 characters',
      });
    }
    const name = nonEmpty(input.name);
    if (!name) {
      problems.push({ field: 'input.name', message: 'must not be empty' });
    }
    const source = nonEmpty(input.source);
    if (!source) {
      problems.push({ field: 'input.source', message: 'must cite a public source' });
    }
    const countries = await this.checkCountries(ctx, input, problems);
    if (problems.length > 0) {
      throw badUserInput(problems);
    }
    await runWrite(
      ctx,
      async (trx) => {
        await insertOrganization(trx, {
          id: input.id,
          name: name!,
          acronym: nonEmpty(input.acronym) ?? null,
          partner_category: input.partnerCategory,
          iati_org_type: nonEmpty(input.iatiOrgType) ?? null,
          crs_channel_code: nonEmpty(input.crsChannelCode) ?? null,
          iati_org_id: nonEmpty(input.iatiOrgId) ?? null,
          hq_country_iso3: input.hqCountry ?? null,
          website: input.website ?? null,
          description: nonEmpty(input.description) ?? null,
          source: source!,
          confidence: 'to verify',
          notes: null,
          review_status: ReviewStatus.PUBLISHED,
        });
        await replaceOperatingCountries(trx, input.id, countries ?? []);
        return {
          result: undefined,
          audit: [
            {
              entityType: 'Organization',
              entityId: input.id,
              action: 'CREATE',
              before: null,
              after: { ...input, countriesOfOperation: countries ?? [] },
            },
          ],
          invalidate: {
            keys: [
              PARTNERS_CACHE.organizationById + input.id,
              PARTNERS_CACHE.countriesByOrganizationId + input.id,
              ...(countries ?? []).map((c) => PARTNERS_CACHE.partnerLinksByCountryIso3 + c),
            ],
            tags: ['Organization', `Organization:${input.id}`],
          },
        };
      },
      { organization_pkey: 'input.id' },
    );
    return this.reload(ctx, input.id);
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
    const editor = isEditor(ctx.viewer);
    if (!editor && ctx.viewer.organizationId !== id) {
      throw forbiddenField(
        'id',
        `a partner may edit only its own organization ("${ctx.viewer.organizationId ?? ''}"), not "${id}"`,
      );
    }
    const before = await ctx.loaders.organizationById.load(id);
    if (!before) {
      throw notFound('Organization', id, 'id');
    }
    if (!editor) {
      // Setting or clearing (null) an editor-only field are both changes.
      const field = EDITOR_ONLY_FIELDS.find((f) => input[f] !== undefined);
      if (field) {
        throw forbiddenField(`input.${field}`, 'only an editor may change this field');
      }
    }
    const problems: InvalidField[] = [];
    if (input.name !== undefined && !nonEmpty(input.name)) {
      problems.push({ field: 'input.name', message: 'must not be empty' });
    }
    if (input.partnerCategory === null) {
      problems.push({ field: 'input.partnerCategory', message: 'cannot be cleared' });
    }
    if (input.verified === null) {
      problems.push({ field: 'input.verified', message: 'cannot be cleared' });
    }
    // Omitted: unchanged; null (or blank text): cleared.
    const cleared = (value: string | null | undefined) =>
      value === undefined ? undefined : (nonEmpty(value) ?? null);
    const patch: OrganizationPatch = patchOf({
      name: nonEmpty(input.name),
      acronym: cleared(input.acronym),
      partner_category: input.partnerCategory ?? undefined,
      iati_org_type: cleared(input.iatiOrgType),
      crs_channel_code: cleared(input.crsChannelCode),
      iati_org_id: cleared(input.iatiOrgId),
      hq_country_iso3: input.hqCountry,
      website: input.website,
      description: cleared(input.description),
      verified: input.verified ?? undefined,
    });
    const countries = await this.checkCountries(ctx, input, problems);
    if (problems.length > 0) {
      throw badUserInput(problems);
    }
    const oldCountries = (await ctx.loaders.countriesByOrganizationId.load(id)) ?? [];
    await runWrite(ctx, async (trx) => {
      await updateOrganization(trx, id, patch);
      if (countries) {
        await replaceOperatingCountries(trx, id, countries);
      }
      return {
        result: undefined,
        audit: [
          {
            entityType: 'Organization',
            entityId: id,
            action: 'UPDATE',
            before: { ...before, countriesOfOperation: oldCountries },
            after: { ...patch, ...(countries ? { countriesOfOperation: countries } : {}) },
          },
        ],
        invalidate: {
          keys: [
            PARTNERS_CACHE.organizationById + id,
            PARTNERS_CACHE.countriesByOrganizationId + id,
            ...[...oldCountries, ...(countries ?? [])].map(
              (c) => PARTNERS_CACHE.partnerLinksByCountryIso3 + c,
            ),
          ],
          tags: ['Organization', `Organization:${id}`],
        },
      };
    });
    return this.reload(ctx, id);
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
    await runWrite(ctx, async (trx) => {
      await updateOrganization(trx, id, { review_status: ReviewStatus.ARCHIVED });
      return {
        result: undefined,
        audit: [
          {
            entityType: 'Organization',
            entityId: id,
            action: 'ARCHIVE',
            before,
            after: { reviewStatus: ReviewStatus.ARCHIVED },
          },
        ],
        invalidate: {
          keys: [PARTNERS_CACHE.organizationById + id],
          tags: ['Organization', `Organization:${id}`],
        },
      };
    });
    return this.reload(ctx, id);
  }

  /** After a write this request's memoized loads are stale: forget them and read again. */
  private async reload(ctx: PartnersContext, id: string): Promise<Organization> {
    forgetRequestMemo(ctx);
    const organization = await ctx.loaders.organizationById.load(id);
    if (!organization) {
      throw notFound('Organization', id, 'id');
    }
    return organization;
  }

  /** Unknown headquarters or operating countries are NOT_FOUND; duplicates BAD_USER_INPUT. */
  private async checkCountries(
    ctx: PartnersContext,
    input: { hqCountry?: string | null; countriesOfOperation?: string[] | null },
    problems: InvalidField[],
  ): Promise<string[] | undefined> {
    if (input.hqCountry && !(await ctx.loaders.regionByCountryIso3.load(input.hqCountry))) {
      throw notFound('Country', input.hqCountry, 'input.hqCountry');
    }
    const list = input.countriesOfOperation ?? undefined;
    if (!list) {
      return undefined;
    }
    const regions = await ctx.loaders.regionByCountryIso3.loadMany(list);
    const seen = new Set<string>();
    list.forEach((iso3, i) => {
      if (!regions[i] || regions[i] instanceof Error) {
        throw notFound('Country', iso3, `input.countriesOfOperation[${i}]`);
      }
      if (seen.has(iso3)) {
        problems.push({
          field: `input.countriesOfOperation[${i}]`,
          message: `"${iso3}" is listed twice`,
        });
      }
      seen.add(iso3);
    });
    return [...seen];
  }

  private async validateFilter(
    ctx: PartnersContext,
    filter: OrganizationFilter | undefined,
  ): Promise<OrganizationFilterValues> {
    if (!filter) {
      return {};
    }
    const problems: InvalidField[] = [];
    const search = filter.search?.trim();
    if (filter.search !== undefined && filter.search !== null) {
      if (!search) {
        problems.push({ field: 'filter.search', message: 'must not be empty' });
      } else if (search.length > MAX_SEARCH_LENGTH) {
        problems.push({
          field: 'filter.search',
          message: `must be at most ${MAX_SEARCH_LENGTH} characters`,
        });
      }
    }
    for (const [field, iso3] of [
      ['filter.countryOfOperation', filter.countryOfOperation],
      ['filter.hqCountry', filter.hqCountry],
    ] as const) {
      if (iso3 && !(await ctx.loaders.regionByCountryIso3.load(iso3))) {
        throw notFound('Country', iso3, field);
      }
    }
    if (problems.length > 0) {
      throw badUserInput(problems);
    }
    return {
      category: filter.category ?? undefined,
      countryOfOperation: filter.countryOfOperation ?? undefined,
      hqCountry: filter.hqCountry ?? undefined,
      search: search || undefined,
      includeArchived: filter.includeArchived ?? undefined,
    };
  }
}
