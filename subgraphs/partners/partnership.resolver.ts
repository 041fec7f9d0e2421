import { buildBasis, IncludeSyntheticArg, syntheticFilter } from '../../schema/basis.js';
import { listSize } from '../../schema/cost.js';
import { randomUUID } from 'node:crypto';
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
  registerEnumType,
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
import { CountryCodeScalar, DateScalar, todayUtc } from '../../schema/scalars.js';
import { runWrite } from '../../schema/writes.js';
import type { PartnersContext } from './context.js';
import { Country, M49Region } from './country.entity.js';
import { Organization } from './organization.entity.js';
import { findRegionCodes } from './organization.repository.js';
import { forgetRequestMemo, PARTNERS_CACHE } from './partners.loaders.js';
import { canSeePartnership, statusOn } from './partners.policy.js';
import {
  MemberRole,
  PartnerCoverage,
  Partnership,
  PartnershipMember,
  PartnershipStatus,
  PartnershipType,
} from './partnership.entity.js';
import { GpcTheme } from '../../schema/gpc.js';
import {
  UNDATED_LAST,
  countPartnerships,
  findCoverage,
  findPartnershipsPage,
  insertPartnership,
  replacePartnershipChildren,
  updatePartnership,
  type PartnershipFilterValues,
  type PartnershipVisibility,
} from './partnership.repository.js';

@InputType({ description: 'Narrows `partnerships`; all given conditions must hold.' })
export class PartnershipFilter {
  @Field(() => PartnershipType, { nullable: true, description: 'Partnership type.' })
  type?: PartnershipType;

  @Field(() => GpcTheme, { nullable: true, description: 'Covers this pillar or area.' })
  theme?: GpcTheme;

  @Field(() => CountryCodeScalar, { nullable: true, description: 'Covers this country.' })
  country?: string;

  @Field(() => DateScalar, { nullable: true, description: 'Active on this date.' })
  activeOn?: string;

  @Field(() => ID, { nullable: true, description: 'Has this organization among its members.' })
  member?: string;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Only synthetic (true) or only real (false) partnerships.',
  })
  synthetic?: boolean;

  @Field(() => ReviewStatus, {
    nullable: true,
    description:
      'Review status; default: published ones (editors: all but archived; a partner: also its own proposals).',
  })
  reviewStatus?: ReviewStatus;
}

@InputType({ description: 'One member of a new partnership.' })
export class PartnershipMemberInput {
  @Field(() => ID, { description: 'The organization’s id.' })
  organizationId!: string;

  @Field(() => MemberRole, { description: 'Its role.' })
  role!: MemberRole;
}

@InputType({
  description:
    'A new partnership. An editor’s is published at once; a partner’s must include its own organization and waits in PENDING_REVIEW.',
})
export class CreatePartnershipInput {
  @Field(() => String, { description: 'Title.' })
  title!: string;

  @Field(() => PartnershipType, { description: 'Type.' })
  type!: PartnershipType;

  @Field(() => String, { nullable: true, description: 'Free-text scope.' })
  scope?: string;

  @Field(() => DateScalar, { description: 'First day.' })
  startDate!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Last day; absent when open-ended.' })
  endDate?: string;

  @Field(() => [GpcTheme], { description: 'Pillars and areas it covers (at least one).' })
  themes!: GpcTheme[];

  @Field(() => [CountryCodeScalar], { description: 'Countries it covers.' })
  countries!: string[];

  @Field(() => [PartnershipMemberInput], { description: 'Members (at least one).' })
  members!: PartnershipMemberInput[];

  @Field(() => String, { nullable: true, description: 'Where the record comes from.' })
  source?: string;
}

@InputType({
  description: 'Changes to a partnership; absent fields stay as they are, lists are replaced.',
})
export class UpdatePartnershipInput {
  @Field(() => String, { nullable: true, description: 'Title.' })
  title?: string;

  @Field(() => PartnershipType, { nullable: true, description: 'Type.' })
  type?: PartnershipType;

  @Field(() => String, { nullable: true, description: 'Free-text scope.' })
  scope?: string;

  @Field(() => DateScalar, { nullable: true, description: 'First day.' })
  startDate?: string;

  @Field(() => DateScalar, { nullable: true, description: 'Last day.' })
  endDate?: string;

  @Field(() => [GpcTheme], { nullable: true, description: 'Replaces the themes.' })
  themes?: GpcTheme[];

  @Field(() => [CountryCodeScalar], { nullable: true, description: 'Replaces the countries.' })
  countries?: string[];

  @Field(() => [PartnershipMemberInput], { nullable: true, description: 'Replaces the members.' })
  members?: PartnershipMemberInput[];
}

export enum ReviewDecision {
  PUBLISH = 'PUBLISH',
  REJECT = 'REJECT',
}

registerEnumType(ReviewDecision, {
  name: 'ReviewDecision',
  description: 'An editor’s decision on a proposed partnership.',
  valuesConfig: {
    PUBLISH: { description: 'Publish it.' },
    REJECT: { description: 'Reject it; it is kept for the audit trail.' },
  },
});

const { Connection: PartnershipConnection } = connectionTypes<Partnership>(
  Partnership,
  'Partnership',
);

function visibilityOf(ctx: PartnersContext): PartnershipVisibility {
  return {
    all: isEditor(ctx.viewer),
    organizationId: ctx.viewer.role === 'partner' ? ctx.viewer.organizationId : undefined,
  };
}

/** Cache keys a partnership write touches: the entity and every list it appears in. */
function partnershipKeys(
  partnerships: readonly Pick<Partnership, 'id' | 'members' | 'countryIso3s'>[],
): string[] {
  return partnerships.flatMap((p) => [
    PARTNERS_CACHE.partnershipById + p.id,
    ...p.members.map((m) => PARTNERS_CACHE.partnershipsByOrganizationId + m.organizationId),
    ...p.countryIso3s.flatMap((c) => [
      PARTNERS_CACHE.partnershipsByCountryIso3 + c,
      PARTNERS_CACHE.partnerLinksByCountryIso3 + c,
    ]),
  ]);
}

/**
 * Checks a whole partnership (a new one, or an existing one with changes applied): every invalid
 * field at once as BAD_USER_INPUT; an unknown organization or country is NOT_FOUND naming its
 * path. Returns the trimmed title and the M49 region of each country, in order.
 */
async function checkPartnershipInput(
  ctx: PartnersContext,
  input: {
    title: string;
    /** Null only for a seeded real partnership whose source gives no start date. */
    startDate: string | null;
    endDate?: string | null | undefined;
    themes: readonly GpcTheme[];
    countries: readonly string[];
    members: readonly PartnershipMemberInput[];
  },
): Promise<{ title: string; regions: string[] }> {
  const problems: InvalidField[] = [];
  const title = input.title.trim();
  if (!title) {
    problems.push({ field: 'input.title', message: 'must not be empty' });
  }
  if (input.endDate && input.startDate && input.endDate < input.startDate) {
    problems.push({
      field: 'input.endDate',
      message: `must not be before startDate (${input.startDate})`,
    });
  }
  if (input.themes.length === 0) {
    problems.push({ field: 'input.themes', message: 'must list at least one theme' });
  }
  if (new Set(input.themes).size !== input.themes.length) {
    problems.push({ field: 'input.themes', message: 'lists a theme twice' });
  }
  if (input.members.length === 0) {
    problems.push({ field: 'input.members', message: 'must list at least one member' });
  }
  const seenMembers = new Set<string>();
  input.members.forEach((m, i) => {
    if (seenMembers.has(m.organizationId)) {
      problems.push({
        field: `input.members[${i}].organizationId`,
        message: `"${m.organizationId}" is already a member`,
      });
    }
    seenMembers.add(m.organizationId);
  });
  const seenCountries = new Set<string>();
  input.countries.forEach((c, i) => {
    if (seenCountries.has(c)) {
      problems.push({ field: `input.countries[${i}]`, message: `"${c}" is listed twice` });
    }
    seenCountries.add(c);
  });
  const organizations = await ctx.loaders.organizationById.loadMany(
    input.members.map((m) => m.organizationId),
  );
  organizations.forEach((o, i) => {
    if (!o || o instanceof Error) {
      throw notFound(
        'Organization',
        input.members[i]!.organizationId,
        `input.members[${i}].organizationId`,
      );
    }
  });
  const regions = await ctx.loaders.regionByCountryIso3.loadMany(input.countries);
  const found: string[] = [];
  regions.forEach((r, i) => {
    if (!r || r instanceof Error) {
      throw notFound('Country', input.countries[i]!, `input.countries[${i}]`);
    }
    found.push(r);
  });
  if (problems.length > 0) {
    throw badUserInput(problems);
  }
  return { title, regions: found };
}

@Resolver(() => Partnership)
export class PartnershipResolver {
  @Query(() => Partnership, {
    description: 'One partnership by id; NOT_FOUND when unknown or not visible to the viewer.',
  })
  async partnership(
    @Arg('id', () => ID, { description: 'Its id.' }) id: string,
    @Ctx() ctx: PartnersContext,
  ): Promise<Partnership> {
    const partnership = await ctx.loaders.partnershipById.load(id);
    if (!partnership || !canSeePartnership(ctx.viewer, partnership)) {
      throw notFound('Partnership', id, 'id');
    }
    return partnership;
  }

  @Query(() => PartnershipConnection, {
    description: 'Partnerships in start-date order, filtered and paginated.',
  })
  async partnerships(
    @Ctx() ctx: PartnersContext,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => PartnershipFilter, {
      nullable: true,
      description: 'Narrows the partnerships; omitted, every partnership the viewer may see.',
    })
    filter?: PartnershipFilter,
    @IncludeSyntheticArg() includeSynthetic?: boolean,
  ): Promise<Connection<Partnership>> {
    const { limit, after } = readPage(page, ['string', 'string'] as const);
    const checked = await this.validateFilter(ctx, filter);
    const values = { ...checked, synthetic: syntheticFilter(includeSynthetic, checked.synthetic) };
    const visibility = visibilityOf(ctx);
    const [rows, totalCount] = await Promise.all([
      findPartnershipsPage(ctx.db, values, visibility, limit, after),
      countPartnerships(ctx.db, values, visibility),
    ]);
    return toConnection(rows, limit, totalCount, (p) => [p.startDate ?? UNDATED_LAST, p.id]);
  }

  @Query(() => [PartnerCoverage], {
    description:
      'Per M49 region and Global Programme theme: published partnerships active on `asOf` covering a country of the region, and their distinct partners. Every region appears for every theme asked, with zeros where partners are absent (the gaps).',
  })
  async partnerCoverage(
    @Ctx() ctx: PartnersContext,
    @Arg('theme', () => GpcTheme, { nullable: true, description: 'Only this theme.' })
    theme?: GpcTheme,
    @Arg('asOf', () => DateScalar, { nullable: true, description: 'Default: today (UTC).' })
    asOf?: string,
    @IncludeSyntheticArg() includeSynthetic?: boolean,
  ): Promise<PartnerCoverage[]> {
    const [regions, rows] = await Promise.all([
      findRegionCodes(ctx.db),
      findCoverage(ctx.db, {
        theme: theme ?? undefined,
        asOf: asOf ?? todayUtc(),
        includeSynthetic: includeSynthetic ?? false,
      }),
    ]);
    const themes = theme ? [theme] : Object.values(GpcTheme);
    const found = new Map(rows.map((r) => [`${r.regionM49}|${r.theme}`, r]));
    return regions.flatMap((regionM49) =>
      themes.map((t) => {
        const row = found.get(`${regionM49}|${t}`);
        return {
          regionM49,
          theme: t,
          activePartnerships: row?.activePartnerships ?? 0,
          distinctPartners: row?.distinctPartners ?? 0,
          basis: buildBasis('partnership', includeSynthetic ?? false, [
            { synthetic: false, confidence: null, records: row?.realPartnerships ?? 0 },
            {
              synthetic: true,
              confidence: null,
              records: (row?.activePartnerships ?? 0) - (row?.realPartnerships ?? 0),
            },
          ]),
        };
      }),
    );
  }

  @FieldResolver(() => PartnershipStatus, {
    nullable: true,
    description:
      'PLANNED, ACTIVE or ENDED on `asOf`, derived from the dates; null when the source gives no start date and the end has not passed.',
  })
  status(
    @Root() partnership: Partnership,
    @Arg('asOf', () => DateScalar, { nullable: true, description: 'Default: today (UTC).' })
    asOf?: string,
  ): PartnershipStatus | null {
    return statusOn(partnership, asOf ?? todayUtc());
  }

  @listSize(3)
  @FieldResolver(() => [Country], { description: 'Countries covered, in code order.' })
  countries(@Root() partnership: Partnership): Country[] {
    return partnership.countryIso3s.map((iso3) => ({ iso3 }));
  }

  @FieldResolver(() => Organization, {
    nullable: true,
    description: 'The partner organization that proposed it, if a partner did.',
  })
  async proposedBy(
    @Root() partnership: Partnership,
    @Ctx() ctx: PartnersContext,
  ): Promise<Organization | null> {
    return partnership.proposedBy
      ? ctx.loaders.organizationById.load(partnership.proposedBy)
      : null;
  }

  @Authorized('editor', 'partner')
  @Mutation(() => Partnership, {
    description:
      'Adds a partnership. Editors: published at once. A partner: must include its own organization; PENDING_REVIEW until an editor publishes it.',
  })
  async createPartnership(
    @Arg('input', () => CreatePartnershipInput, {
      description:
        'The partnership to record; every invalid field is reported at once (BAD_USER_INPUT).',
    })
    input: CreatePartnershipInput,
    @Ctx() ctx: PartnersContext,
  ): Promise<Partnership> {
    const editor = isEditor(ctx.viewer);
    if (
      !editor &&
      input.members.length > 0 &&
      !input.members.some((m) => m.organizationId === ctx.viewer.organizationId)
    ) {
      throw forbiddenField(
        'input.members',
        `a partner may propose only partnerships that include its own organization ("${ctx.viewer.organizationId ?? ''}")`,
      );
    }
    const { title, regions } = await checkPartnershipInput(ctx, input);
    const id = `p-${randomUUID()}`;
    const status = editor ? ReviewStatus.PUBLISHED : ReviewStatus.PENDING_REVIEW;
    await runWrite(ctx, async (trx) => {
      await insertPartnership(
        trx,
        {
          id,
          title,
          type: input.type,
          scope: input.scope?.trim() || null,
          start_date: input.startDate,
          end_date: input.endDate ?? null,
          synthetic: false,
          review_status: status,
          proposed_by: editor ? null : (ctx.viewer.organizationId ?? null),
          source:
            input.source?.trim() || `Entered through the partners API by a ${ctx.viewer.role}.`,
        },
        {
          members: input.members,
          themes: input.themes,
          countries: input.countries.map((iso3, i) => ({ iso3, regionM49: regions[i]! })),
        },
      );
      const created = { id, members: input.members, countryIso3s: input.countries };
      return {
        result: undefined,
        audit: [
          {
            entityType: 'Partnership',
            entityId: id,
            action: editor ? 'CREATE' : 'SUBMIT',
            before: null,
            after: { ...input, reviewStatus: status },
          },
        ],
        invalidate: {
          keys: partnershipKeys([created]),
          tags: ['Partnership', `Partnership:${id}`],
        },
      };
    });
    return this.reload(ctx, id);
  }

  @Authorized('editor')
  @Mutation(() => Partnership, {
    description:
      'Changes a partnership: any field, with the same checks as createPartnership. Editors only.',
  })
  async updatePartnership(
    @Arg('id', () => ID, { description: 'The partnership.' }) id: string,
    @Arg('input', () => UpdatePartnershipInput, {
      description: 'The fields to change; fields left out keep their values.',
    })
    input: UpdatePartnershipInput,
    @Ctx() ctx: PartnersContext,
  ): Promise<Partnership> {
    const before = await ctx.loaders.partnershipById.load(id);
    if (!before) {
      throw notFound('Partnership', id, 'id');
    }
    const merged = {
      title: input.title ?? before.title,
      startDate: input.startDate ?? before.startDate,
      endDate: input.endDate ?? before.endDate,
      themes: input.themes ?? before.themes,
      countries: input.countries ?? before.countryIso3s,
      members: input.members ?? before.members,
    };
    const { title, regions } = await checkPartnershipInput(ctx, merged);
    await runWrite(ctx, async (trx) => {
      await updatePartnership(trx, id, {
        title,
        type: input.type ?? before.type,
        scope:
          input.scope === undefined || input.scope === null
            ? before.scope
            : input.scope.trim() || null,
        start_date: merged.startDate,
        end_date: merged.endDate,
      });
      if (input.themes || input.countries || input.members) {
        await replacePartnershipChildren(trx, id, {
          members: merged.members,
          themes: merged.themes,
          countries: merged.countries.map((iso3, i) => ({ iso3, regionM49: regions[i]! })),
        });
      }
      const after = { id, members: merged.members, countryIso3s: merged.countries };
      return {
        result: undefined,
        audit: [
          {
            entityType: 'Partnership',
            entityId: id,
            action: 'UPDATE',
            before,
            after: { ...merged, title, type: input.type ?? before.type },
          },
        ],
        invalidate: {
          keys: partnershipKeys([before, after]),
          tags: ['Partnership', `Partnership:${id}`],
        },
      };
    });
    return this.reload(ctx, id);
  }

  @Authorized('editor')
  @Mutation(() => Partnership, {
    description: 'Publishes or rejects a partnership waiting in PENDING_REVIEW. Editors only.',
  })
  async reviewPartnership(
    @Arg('id', () => ID, { description: 'The partnership.' }) id: string,
    @Arg('decision', () => ReviewDecision, { description: 'Publish or reject.' })
    decision: ReviewDecision,
    @Ctx() ctx: PartnersContext,
  ): Promise<Partnership> {
    const before = await ctx.loaders.partnershipById.load(id);
    if (!before) {
      throw notFound('Partnership', id, 'id');
    }
    if (before.reviewStatus !== ReviewStatus.PENDING_REVIEW) {
      throw badUserInput([
        { field: 'id', message: `is ${before.reviewStatus}, not PENDING_REVIEW` },
      ]);
    }
    const status =
      decision === ReviewDecision.PUBLISH ? ReviewStatus.PUBLISHED : ReviewStatus.REJECTED;
    return this.setStatus(ctx, before, status, decision);
  }

  @Authorized('editor', 'partner')
  @Mutation(() => Partnership, {
    description:
      'Withdraws a partnership: ARCHIVED, kept for history, never deleted. Editors withdraw any; a partner withdraws its own proposal while it waits in PENDING_REVIEW.',
  })
  async archivePartnership(
    @Arg('id', () => ID, { description: 'The partnership.' }) id: string,
    @Ctx() ctx: PartnersContext,
  ): Promise<Partnership> {
    const before = await ctx.loaders.partnershipById.load(id);
    // One the viewer may not see is NOT_FOUND, as if it did not exist.
    if (!before || !canSeePartnership(ctx.viewer, before)) {
      throw notFound('Partnership', id, 'id');
    }
    if (!isEditor(ctx.viewer)) {
      if (!before.proposedBy || before.proposedBy !== ctx.viewer.organizationId) {
        throw forbiddenField(
          'id',
          'a partner may withdraw only a proposal of its own organization',
        );
      }
      if (before.reviewStatus !== ReviewStatus.PENDING_REVIEW) {
        throw forbiddenField(
          'id',
          `the proposal is ${before.reviewStatus}; once reviewed, only an editor may withdraw it`,
        );
      }
      return this.setStatus(ctx, before, ReviewStatus.ARCHIVED, 'WITHDRAW');
    }
    return this.setStatus(ctx, before, ReviewStatus.ARCHIVED, 'ARCHIVE');
  }

  private async setStatus(
    ctx: PartnersContext,
    before: Partnership,
    status: ReviewStatus,
    action: string,
  ): Promise<Partnership> {
    await runWrite(ctx, async (trx) => {
      await updatePartnership(trx, before.id, { review_status: status });
      return {
        result: undefined,
        audit: [
          {
            entityType: 'Partnership',
            entityId: before.id,
            action,
            before: { reviewStatus: before.reviewStatus },
            after: { reviewStatus: status },
          },
        ],
        invalidate: {
          keys: partnershipKeys([before]),
          tags: ['Partnership', `Partnership:${before.id}`],
        },
      };
    });
    return this.reload(ctx, before.id);
  }

  private async reload(ctx: PartnersContext, id: string): Promise<Partnership> {
    forgetRequestMemo(ctx);
    const partnership = await ctx.loaders.partnershipById.load(id);
    if (!partnership) {
      throw notFound('Partnership', id, 'id');
    }
    return partnership;
  }

  private async validateFilter(
    ctx: PartnersContext,
    filter: PartnershipFilter | undefined,
  ): Promise<PartnershipFilterValues> {
    if (!filter) {
      return {};
    }
    if (filter.country && !(await ctx.loaders.regionByCountryIso3.load(filter.country))) {
      throw notFound('Country', filter.country, 'filter.country');
    }
    if (filter.member && !(await ctx.loaders.organizationById.load(filter.member))) {
      throw notFound('Organization', filter.member, 'filter.member');
    }
    return {
      type: filter.type ?? undefined,
      theme: filter.theme ?? undefined,
      country: filter.country ?? undefined,
      activeOn: filter.activeOn ?? undefined,
      member: filter.member ?? undefined,
      synthetic: filter.synthetic ?? undefined,
      reviewStatus: filter.reviewStatus ?? undefined,
    };
  }
}

@Resolver(() => PartnershipMember)
export class PartnershipMemberResolver {
  @FieldResolver(() => Organization, { description: 'The member organization.' })
  async organization(
    @Root() member: PartnershipMember,
    @Ctx() ctx: PartnersContext,
  ): Promise<Organization> {
    const organization = await ctx.loaders.organizationById.load(member.organizationId);
    if (!organization) {
      throw new Error(`Partnership member ${member.organizationId} is not seeded`);
    }
    return organization;
  }
}

@Resolver(() => PartnerCoverage)
export class PartnerCoverageResolver {
  @FieldResolver(() => M49Region, {
    description: 'The M49 region (its name comes from member-states).',
  })
  region(@Root() coverage: PartnerCoverage): M49Region {
    return { m49: coverage.regionM49 };
  }
}
