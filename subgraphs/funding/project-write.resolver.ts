import { Arg, Authorized, Ctx, Field, ID, InputType, Mutation, Resolver } from 'type-graphql';
import { badUserInput, notFound, type InvalidField } from '../../schema/errors.js';
import { ReviewStatus } from '../../schema/review.js';
import { CountryCodeScalar, DateScalar, DecimalScalar } from '../../schema/scalars.js';
import { patchOf, runReview, runWrite } from '../../schema/writes.js';
import { ActivityStatus, GpcArea, GpcPillar, OrganisationRole } from './codes.js';
import type { FundingContext } from './context.js';
import { FUNDING_CACHE } from './funding.loaders.js';
import {
  insertProject,
  lockProject,
  type ProjectPatch,
  updateProjectRow,
} from './funding-write.repository.js';
import { Project } from './project.entity.js';
import { findCountryRegions, findKnownOrganizationIds } from './project.repository.js';
import { percentagesProblem } from './validation.js';

@InputType({ description: 'An organisation taking part in a new project.' })
export class ParticipantInput {
  @Field(() => ID, { description: 'Organisation id (partners subgraph).' })
  organizationId!: string;

  @Field(() => OrganisationRole, { description: 'IATI role.' })
  role!: OrganisationRole;
}

@InputType({ description: 'A recipient country of a new project.' })
export class RecipientCountryInput {
  @Field(() => CountryCodeScalar, { description: 'ISO 3166-1 alpha-3 code.' })
  iso3!: string;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'Share in percent (at most two decimals); all shares sum to 100.',
  })
  percentage?: string;
}

@InputType({ description: 'A new project (IATI activity).' })
export class ProjectInput {
  @Field(() => ID, { description: 'Stable id: lower-case letters, digits and hyphens.' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'IATI activity identifier.' })
  iatiIdentifier?: string;

  @Field(() => String, { description: 'Title.' })
  title!: string;

  @Field(() => String, { nullable: true, description: 'Description.' })
  description?: string;

  @Field(() => ActivityStatus, { description: 'IATI ActivityStatus.' })
  status!: ActivityStatus;

  @Field(() => DateScalar, { nullable: true, description: 'Planned start.' })
  plannedStart?: string;

  @Field(() => DateScalar, { nullable: true, description: 'Planned end.' })
  plannedEnd?: string;

  @Field(() => ID, { nullable: true, description: 'Parent programme, such as "gpc".' })
  parentId?: string;

  @Field(() => [ParticipantInput], { description: 'Participating organisations.' })
  participatingOrgs!: ParticipantInput[];

  @Field(() => [RecipientCountryInput], { description: 'Recipient countries.' })
  recipientCountries!: RecipientCountryInput[];

  @Field(() => [GpcPillar], { description: 'Global Programme pillars.' })
  gpcPillars!: GpcPillar[];

  @Field(() => [GpcArea], { description: 'Global Programme areas.' })
  gpcAreas!: GpcArea[];

  @Field(() => [String], { description: 'OECD DAC purpose codes (five digits).' })
  sectors!: string[];

  @Field(() => String, { description: 'Where the facts come from.' })
  source!: string;
}

@InputType({
  description:
    'Changes to a project: an omitted field is kept, null clears a nullable one, lists are replaced.',
})
export class UpdateProjectInput {
  @Field(() => String, { nullable: true, description: 'Title (cannot be cleared).' })
  title?: string | null;

  @Field(() => String, { nullable: true, description: 'Description.' })
  description?: string | null;

  @Field(() => ActivityStatus, { nullable: true, description: 'IATI ActivityStatus.' })
  status?: ActivityStatus | null;

  @Field(() => DateScalar, { nullable: true, description: 'Planned start.' })
  plannedStart?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Planned end.' })
  plannedEnd?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Actual start.' })
  actualStart?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Actual end.' })
  actualEnd?: string | null;

  @Field(() => [GpcPillar], { nullable: true, description: 'Global Programme pillars.' })
  gpcPillars?: GpcPillar[] | null;

  @Field(() => [GpcArea], { nullable: true, description: 'Global Programme areas.' })
  gpcAreas?: GpcArea[] | null;

  @Field(() => [String], { nullable: true, description: 'OECD DAC purpose codes (five digits).' })
  sectors?: string[] | null;
}

function sectorProblems(sectors: readonly string[], field: string): InvalidField[] {
  return sectors.flatMap((code, i) =>
    /^\d{5}$/.test(code)
      ? []
      : [{ field: `${field}[${i}]`, message: `"${code}" is not a five-digit DAC purpose code` }],
  );
}

const projectInvalidation = (id: string, parentId: string | null) => ({
  keys: [
    FUNDING_CACHE.projectById + id,
    ...(parentId ? [FUNDING_CACHE.childProjectIdsByParentId + parentId] : []),
  ],
  tags: ['Project', `Project:${id}`],
});

@Resolver(() => Project)
export class ProjectWriteResolver {
  @Authorized('editor')
  @Mutation(() => Project, { description: 'Creates a project, published. Editors only.' })
  async createProject(
    @Arg('input', () => ProjectInput, {
      description:
        'The project to create; every invalid field is reported at once (BAD_USER_INPUT).',
    })
    input: ProjectInput,
    @Ctx() ctx: FundingContext,
  ): Promise<Project> {
    const problems: InvalidField[] = [];
    if (!/^[a-z0-9][a-z0-9-]{1,63}$/.test(input.id)) {
      problems.push({
        field: 'input.id',
        message: 'use 2–64 lower-case letters, digits and hyphens',
      });
    }
    if (!input.title.trim()) {
      problems.push({ field: 'input.title', message: 'must not be empty' });
    }
    if (input.plannedStart && input.plannedEnd && input.plannedStart > input.plannedEnd) {
      problems.push({ field: 'input.plannedEnd', message: 'must not be before plannedStart' });
    }
    const percentages = percentagesProblem(input.recipientCountries.map((r) => r.percentage));
    if (percentages) {
      problems.push({ field: 'input.recipientCountries.percentage', message: percentages });
    }
    const iso3s = input.recipientCountries.map((r) => r.iso3);
    const regions = await findCountryRegions(ctx.db, iso3s);
    iso3s.forEach((iso3, i) => {
      if (!regions.has(iso3)) {
        problems.push({
          field: `input.recipientCountries[${i}].iso3`,
          message: `"${iso3}" is not a UN Member or observer State`,
        });
      }
    });
    const known = await findKnownOrganizationIds(
      ctx.db,
      input.participatingOrgs.map((p) => p.organizationId),
    );
    input.participatingOrgs.forEach((p, i) => {
      if (!known.has(p.organizationId)) {
        problems.push({
          field: `input.participatingOrgs[${i}].organizationId`,
          message: `"${p.organizationId}" is not a known organisation id`,
        });
      }
    });
    problems.push(...sectorProblems(input.sectors, 'input.sectors'));
    if (problems.length > 0) {
      throw badUserInput(problems);
    }
    if (input.parentId && !(await ctx.loaders.projectById.load(input.parentId))) {
      throw notFound('Project', input.parentId, 'input.parentId');
    }
    const row = {
      id: input.id,
      iati_identifier: input.iatiIdentifier ?? null,
      title: input.title.trim(),
      description: input.description ?? null,
      status: input.status,
      planned_start: input.plannedStart ?? null,
      planned_end: input.plannedEnd ?? null,
      actual_start: null,
      actual_end: null,
      parent_id: input.parentId ?? null,
      gpc_pillars: input.gpcPillars,
      gpc_areas: input.gpcAreas,
      sectors: input.sectors,
      synthetic: false,
      source: input.source,
      confidence: 'to verify',
      review_status: ReviewStatus.PUBLISHED,
    };
    const participants = input.participatingOrgs.map((p) => ({
      organization_id: p.organizationId,
      role: p.role,
    }));
    const recipients = input.recipientCountries.map((r) => ({
      country_iso3: r.iso3,
      percentage: r.percentage ?? null,
      region_m49: regions.get(r.iso3) ?? '',
    }));
    await runWrite(
      ctx,
      async (trx) => {
        await insertProject(trx, row, participants, recipients);
        return {
          result: row.id,
          audit: [
            {
              entityType: 'Project',
              entityId: row.id,
              action: 'CREATE',
              before: null,
              after: { ...row, participants, recipients },
            },
          ],
          invalidate: projectInvalidation(row.id, row.parent_id),
        };
      },
      { project_pkey: 'input.id', project_iati_identifier_key: 'input.iatiIdentifier' },
    );
    const project = await ctx.loaders.projectById.load(row.id);
    if (!project) {
      throw notFound('Project', row.id, 'id');
    }
    return project;
  }

  @Authorized('editor')
  @Mutation(() => Project, {
    description:
      'Changes a project (title, description, status, dates, pillars, areas, sectors). Editors only; audited.',
  })
  async updateProject(
    @Arg('id', () => ID, { description: 'The project.' }) id: string,
    @Arg('input', () => UpdateProjectInput, {
      description: 'The fields to change; fields left out keep their values.',
    })
    input: UpdateProjectInput,
    @Ctx() ctx: FundingContext,
  ): Promise<Project> {
    const problems: InvalidField[] = [];
    if (input.title !== undefined && !input.title?.trim()) {
      problems.push({ field: 'input.title', message: 'must not be empty' });
    }
    if (input.status === null) {
      problems.push({ field: 'input.status', message: 'cannot be cleared' });
    }
    problems.push(...sectorProblems(input.sectors ?? [], 'input.sectors'));
    if (problems.length > 0) {
      throw badUserInput(problems);
    }
    // Omitted: kept; null: cleared (title and status were refused above); a list given null is emptied.
    const patch: ProjectPatch = patchOf({
      title: input.title?.trim(),
      description: input.description,
      status: input.status ?? undefined,
      planned_start: input.plannedStart,
      planned_end: input.plannedEnd,
      actual_start: input.actualStart,
      actual_end: input.actualEnd,
      gpc_pillars: input.gpcPillars === undefined ? undefined : (input.gpcPillars ?? []),
      gpc_areas: input.gpcAreas === undefined ? undefined : (input.gpcAreas ?? []),
      sectors: input.sectors === undefined ? undefined : (input.sectors ?? []),
    });
    await runWrite(ctx, async (trx) => {
      const before = await lockProject(trx, id);
      if (!before || before.review_status === ReviewStatus.ARCHIVED) {
        throw notFound('Project', id, 'id');
      }
      const after = { ...before, ...patch };
      // Checked against the stored dates too: changing one end must not cross the other.
      const dateProblems: InvalidField[] = [];
      if (after.planned_start && after.planned_end && after.planned_start > after.planned_end) {
        dateProblems.push({
          field: 'input.plannedEnd',
          message: 'must not be before plannedStart',
        });
      }
      if (after.actual_start && after.actual_end && after.actual_start > after.actual_end) {
        dateProblems.push({ field: 'input.actualEnd', message: 'must not be before actualStart' });
      }
      if (dateProblems.length > 0) {
        throw badUserInput(dateProblems);
      }
      await updateProjectRow(trx, id, patch);
      return {
        result: id,
        audit: [{ entityType: 'Project', entityId: id, action: 'UPDATE', before, after }],
        invalidate: projectInvalidation(id, before.parent_id),
      };
    });
    return this.reload(ctx, id);
  }

  @Authorized('editor')
  @Mutation(() => Project, {
    description:
      'Archives a project: hidden from lists and totals, kept for history, never deleted. Editors only.',
  })
  async archiveProject(
    @Arg('id', () => ID, { description: 'The project.' }) id: string,
    @Ctx() ctx: FundingContext,
  ): Promise<Project> {
    await runReview(ctx, {
      entityType: 'Project',
      id,
      decision: ReviewStatus.ARCHIVED,
      lock: (trx) => lockProject(trx, id),
      set: (trx) => updateProjectRow(trx, id, { review_status: ReviewStatus.ARCHIVED }),
      invalidate: (project) => projectInvalidation(id, project.parent_id),
    });
    return this.reload(ctx, id);
  }

  private async reload(ctx: FundingContext, id: string): Promise<Project> {
    ctx.loaders.projectById.clear(id);
    const project = await ctx.loaders.projectById.load(id);
    if (!project) {
      throw notFound('Project', id, 'id');
    }
    return project;
  }
}
