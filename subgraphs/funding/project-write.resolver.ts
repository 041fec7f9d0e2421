import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { notFound, found } from '../../schema/errors.js';
import { ReviewStatus } from '../../schema/review.js';
import { throwIfInvalid } from '../../schema/validation.js';
import { runReview, runWrite } from '../../schema/writes.js';
import type { FundingContext } from './context.js';
import { FUNDING_CACHE } from './funding.loaders.js';
import { Project } from './project.entity.js';
import { ProjectInput, UpdateProjectInput } from './project.input.js';
import {
  findCountryRegions,
  findKnownOrganizationIds,
  insertProject,
  lockProject,
  toProjectPatch,
  toProjectRows,
  updateProject,
} from './project.repository.js';
import {
  projectDateProblems,
  projectProblems,
  projectUpdateProblems,
} from './project.validation.js';

const UNIQUE = { project_pkey: 'input.id', project_iati_identifier_key: 'input.iatiIdentifier' };

const projectInvalidation = (id: string, parentId: string | null | undefined) => ({
  keys: [
    FUNDING_CACHE.projectById.key(id),
    ...(parentId ? [FUNDING_CACHE.childProjectIdsByParentId.key(parentId)] : []),
  ],
  tags: ['Project', `Project:${id}`],
});

/** Every problem at once, then a parent that must exist; the countries' regions, for the rows. */
async function checkProject(ctx: FundingContext, input: ProjectInput) {
  const regions = await findCountryRegions(
    ctx.db,
    input.recipientCountries.map((r) => r.iso3),
  );
  const organizations = await findKnownOrganizationIds(
    ctx.db,
    input.participatingOrgs.map((p) => p.organizationId),
  );
  throwIfInvalid(projectProblems(input, { regions, organizations }));
  if (input.parentId && !(await ctx.loaders.projectById.load(input.parentId))) {
    throw notFound('Project', input.parentId, 'input.parentId');
  }
  return regions;
}

async function reload(ctx: FundingContext, id: string): Promise<Project> {
  ctx.loaders.projectById.clear(id);
  return found(await ctx.loaders.projectById.load(id), 'Project', id, 'id');
}

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
    const rows = toProjectRows(input, await checkProject(ctx, input));
    const { project, participants, recipients } = rows;
    const after = { ...project, participants, recipients };
    await runWrite(
      ctx,
      async (trx) => {
        await insertProject(trx, rows);
        return {
          result: project.id,
          audit: [
            { entityType: 'Project', entityId: input.id, action: 'CREATE', before: null, after },
          ],
          invalidate: projectInvalidation(input.id, project.parent_id),
        };
      },
      UNIQUE,
    );
    return reload(ctx, input.id);
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
    throwIfInvalid(projectUpdateProblems(input));
    const patch = toProjectPatch(input);
    await runWrite(ctx, async (trx) => {
      const before = await lockProject(trx, id);
      if (!before || before.review_status === ReviewStatus.ARCHIVED) {
        throw notFound('Project', id, 'id');
      }
      const after = { ...before, ...patch };
      throwIfInvalid(projectDateProblems(after));
      await updateProject(trx, id, patch);
      return {
        result: id,
        audit: [{ entityType: 'Project', entityId: id, action: 'UPDATE', before, after }],
        invalidate: projectInvalidation(id, before.parent_id),
      };
    });
    return reload(ctx, id);
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
      set: (trx) => updateProject(trx, id, { review_status: ReviewStatus.ARCHIVED }),
      invalidate: (project) => projectInvalidation(id, project.parent_id),
    });
    return reload(ctx, id);
  }
}
