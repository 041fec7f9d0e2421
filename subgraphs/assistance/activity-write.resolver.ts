import { randomUUID } from 'node:crypto';
import { Arg, Authorized, Ctx, Field, ID, InputType, Int, Mutation, Resolver } from 'type-graphql';
import { badUserInput, forbiddenField, notFound, type InvalidField } from '../../schema/errors.js';
import { GpcArea, GpcPillar } from '../../schema/gpc.js';
import { assertMayChange, isEditor } from '../../schema/access.js';
import { ReviewStatus } from '../../schema/review.js';
import { CountryCodeScalar, DateScalar } from '../../schema/scalars.js';
import { runReview, runWrite } from '../../schema/writes.js';
import { TechnicalAssistanceActivity } from './activity.entity.js';
import { ASSISTANCE_CACHE } from './assistance.loaders.js';
import type { NewActivityRow } from './assistance.table.js';
import {
  insertActivity,
  lockActivity,
  replaceActivity,
  setActivityReview,
} from './assistance-write.repository.js';
import { ActivityType, Modality, PractitionerRole } from './codes.js';
import type { AssistanceContext } from './context.js';
import { canSeeRequest } from './visibility.js';
import { foreignIdProblems, participantProblems, unknownIdProblems } from './validation.js';

@InputType({ description: 'How many participants had one role.' })
export class RoleCountInput {
  @Field(() => PractitionerRole, { description: 'The role.' })
  role!: PractitionerRole;

  @Field(() => Int, { description: 'How many.' })
  count!: number;
}

@InputType({ description: 'Who took part: female + male + other = total; roles at most total.' })
export class ParticipantsInput {
  @Field(() => Int, { description: 'Everyone.' })
  total!: number;

  @Field(() => Int, { description: 'Women.' })
  female!: number;

  @Field(() => Int, { description: 'Men.' })
  male!: number;

  @Field(() => Int, { description: 'Other or not stated.' })
  other!: number;

  @Field(() => [RoleCountInput], { description: 'By role, where known.' })
  byRole!: RoleCountInput[];
}

@InputType({ description: 'An activity, as recorded or replaced.' })
export class ActivityInput {
  @Field(() => String, { description: 'Title.' })
  title!: string;

  @Field(() => ActivityType, { description: 'What kind of assistance.' })
  type!: ActivityType;

  @Field(() => Modality, { nullable: true, description: 'How it was delivered.' })
  modality?: Modality;

  @Field(() => DateScalar, { description: 'First day.' })
  startDate!: string;

  @Field(() => DateScalar, { description: 'Last day; not before `startDate`.' })
  endDate!: string;

  @Field(() => CountryCodeScalar, { nullable: true, description: 'Country where it took place.' })
  locationCountry?: string;

  @Field(() => String, { nullable: true, description: 'City where it took place.' })
  locationCity?: string;

  @Field(() => [CountryCodeScalar], { description: 'Beneficiary countries (at least one).' })
  beneficiaryCountries!: string[];

  @Field(() => [String], { nullable: true, description: 'Beneficiary institutions.' })
  beneficiaryInstitutions?: string[];

  @Field(() => [ID], {
    description: 'Implementing organisation ids; a partner must list its own.',
  })
  implementerIds!: string[];

  @Field(() => ID, { nullable: true, description: 'Funding project id.' })
  projectId?: string;

  @Field(() => GpcPillar, { description: 'Global Programme pillar.' })
  gpcPillar!: GpcPillar;

  @Field(() => [GpcArea], { description: 'Global Programme areas (at least one).' })
  gpcAreas!: GpcArea[];

  @Field(() => [String], { nullable: true, description: 'Offence category codes (laws).' })
  offenceCategories?: string[];

  @Field(() => ParticipantsInput, { nullable: true, description: 'Who took part.' })
  participants?: ParticipantsInput;

  @Field(() => ID, { nullable: true, description: 'Needs assessment answered (member-states).' })
  needsAssessmentId?: string;

  @Field(() => ID, { nullable: true, description: 'Request for assistance answered.' })
  requestId?: string;

  @Field(() => [ID], { nullable: true, description: 'Legislation supported (laws ids).' })
  legislationIds?: string[];

  @Field(() => [ID], { nullable: true, description: 'Legal provisions supported (laws ids).' })
  provisionIds?: string[];

  @Field(() => String, { description: 'Where the facts come from.' })
  source!: string;
}

const purge = (id: string) => ({
  keys: [ASSISTANCE_CACHE.activityById + id],
  tags: ['TechnicalAssistanceActivity', `TechnicalAssistanceActivity:${id}`],
});

@Resolver(() => TechnicalAssistanceActivity)
export class ActivityWriteResolver {
  @Authorized('editor', 'partner')
  @Mutation(() => TechnicalAssistanceActivity, {
    description:
      'Records an activity. An editor’s is PUBLISHED; a partner’s (one it implements) waits as PENDING_REVIEW.',
  })
  async recordActivity(
    @Arg('input', () => ActivityInput, {
      description:
        'The activity to record; every invalid field is reported at once (BAD_USER_INPUT).',
    })
    input: ActivityInput,
    @Ctx() ctx: AssistanceContext,
  ): Promise<TechnicalAssistanceActivity> {
    this.checkImplementer(ctx, input.implementerIds, 'input.implementerIds');
    const row = await this.validRow(ctx, `act-${randomUUID()}`, input);
    await runWrite(ctx, async (trx) => {
      await insertActivity(trx, row);
      return {
        result: row.id,
        audit: [
          {
            entityType: 'TechnicalAssistanceActivity',
            entityId: row.id,
            action: row.review_status === ReviewStatus.PUBLISHED ? 'CREATE' : 'SUBMIT',
            before: null,
            after: row,
          },
        ],
        invalidate: purge(row.id),
      };
    });
    return this.reload(ctx, row.id);
  }

  @Authorized('editor', 'partner')
  @Mutation(() => TechnicalAssistanceActivity, {
    description:
      'Replaces an activity’s facts; the review state stays (editors publish through reviewActivity). A partner updates only its own organisation’s submissions while they wait for review (PENDING_REVIEW or REJECTED, and then wait again), and must stay among the implementers; a published activity changes through an editor only.',
  })
  async updateActivity(
    @Arg('id', () => String, { description: 'The activity.' }) id: string,
    @Arg('input', () => ActivityInput, {
      description: 'The activity’s new values, all of them: it is replaced as a whole.',
    })
    input: ActivityInput,
    @Ctx() ctx: AssistanceContext,
  ): Promise<TechnicalAssistanceActivity> {
    this.checkImplementer(ctx, input.implementerIds, 'input.implementerIds');
    const row = await this.validRow(ctx, id, input);
    await runWrite(ctx, async (trx) => {
      const before = await lockActivity(trx, id);
      if (!before) {
        throw notFound('TechnicalAssistanceActivity', id, 'id');
      }
      // A partner changes only its own organisation's submissions, and only before they are
      // published: a co-implementer can neither unpublish nor take over a published activity.
      assertMayChange(ctx.viewer, {
        entityType: 'TechnicalAssistanceActivity',
        id,
        field: 'id',
        reviewStatus: before.review_status,
        scope: { organizationId: before.submitted_by_org_id },
      });
      // An illustrative record stays flagged as such, whoever edits it; the review state and
      // the submitter stay as they were (an editor publishes through reviewActivity), except
      // that a partner's change to its rejected submission waits for review again.
      const kept = {
        ...row,
        synthetic: before.synthetic,
        review_status: isEditor(ctx.viewer) ? before.review_status : ReviewStatus.PENDING_REVIEW,
        submitted_by_org_id: before.submitted_by_org_id,
      };
      await replaceActivity(trx, id, kept);
      return {
        result: id,
        audit: [
          {
            entityType: 'TechnicalAssistanceActivity',
            entityId: id,
            action: 'UPDATE',
            before: before as unknown as Record<string, unknown>,
            after: kept,
          },
        ],
        invalidate: purge(id),
      };
    });
    return this.reload(ctx, id);
  }

  @Authorized('editor')
  @Mutation(() => TechnicalAssistanceActivity, {
    description: 'Publishes, rejects or archives an activity (nothing is deleted). Editors only.',
  })
  async reviewActivity(
    @Arg('id', () => String, { description: 'The activity.' }) id: string,
    @Arg('decision', () => ReviewStatus, { description: 'PUBLISHED, REJECTED or ARCHIVED.' })
    decision: ReviewStatus,
    @Ctx() ctx: AssistanceContext,
  ): Promise<TechnicalAssistanceActivity> {
    await runReview(ctx, {
      entityType: 'TechnicalAssistanceActivity',
      id,
      decision,
      lock: (trx) => lockActivity(trx, id),
      set: (trx) => setActivityReview(trx, id, decision),
      invalidate: () => purge(id),
    });
    return this.reload(ctx, id);
  }

  /** A partner writes only activities its own organisation implements. */
  private checkImplementer(
    ctx: AssistanceContext,
    implementerIds: readonly string[],
    field: string,
  ) {
    if (isEditor(ctx.viewer)) {
      return;
    }
    const own = ctx.viewer.organizationId ?? '';
    if (!implementerIds.includes(own)) {
      throw forbiddenField(
        field,
        `a partner records and updates activities its organisation ("${own}") implements only`,
      );
    }
  }

  /** Every problem of the input at once (BAD_USER_INPUT), else the row to store. */
  private async validRow(
    ctx: AssistanceContext,
    id: string,
    input: ActivityInput,
  ): Promise<NewActivityRow> {
    const problems: InvalidField[] = [];
    if (!input.title.trim()) {
      problems.push({ field: 'input.title', message: 'must not be empty' });
    }
    if (input.endDate < input.startDate) {
      problems.push({
        field: 'input.endDate',
        message: `${input.endDate} is before startDate ${input.startDate}`,
      });
    }
    if (input.beneficiaryCountries.length === 0) {
      problems.push({ field: 'input.beneficiaryCountries', message: 'name at least one country' });
    }
    if (input.implementerIds.length === 0) {
      problems.push({ field: 'input.implementerIds', message: 'name at least one organisation' });
    }
    if (input.gpcAreas.length === 0) {
      problems.push({ field: 'input.gpcAreas', message: 'name at least one area' });
    }
    if (input.participants) {
      problems.push(...participantProblems('input.participants', input.participants));
    }
    problems.push(
      ...(await unknownIdProblems(
        ctx.db,
        'country',
        'input.beneficiaryCountries',
        input.beneficiaryCountries,
        'UN Member or observer State',
      )),
      ...(input.locationCountry
        ? await unknownIdProblems(
            ctx.db,
            'country',
            'input.locationCountry',
            [input.locationCountry],
            'UN Member or observer State',
            false,
          )
        : []),
      ...(await unknownIdProblems(
        ctx.db,
        'organization',
        'input.implementerIds',
        input.implementerIds,
        'organisation id',
      )),
      ...(input.projectId
        ? await unknownIdProblems(
            ctx.db,
            'project',
            'input.projectId',
            [input.projectId],
            'project id',
            false,
          )
        : []),
      ...(await unknownIdProblems(
        ctx.db,
        'offenceCategory',
        'input.offenceCategories',
        input.offenceCategories ?? [],
        'offence category code',
      )),
      ...foreignIdProblems('input.legislationIds', input.legislationIds ?? []),
      ...foreignIdProblems('input.provisionIds', input.provisionIds ?? []),
    );
    if (input.needsAssessmentId) {
      problems.push(
        ...foreignIdProblems('input.needsAssessmentId', [input.needsAssessmentId]).map((p) => ({
          ...p,
          field: 'input.needsAssessmentId',
        })),
      );
    }
    if (input.requestId) {
      const request = await ctx.loaders.requestById.load(input.requestId);
      // A request the viewer may not see is unknown to it: nothing about it is told.
      if (!request || !canSeeRequest(ctx.viewer, request)) {
        problems.push({
          field: 'input.requestId',
          message: `"${input.requestId}" is not a known request`,
        });
      } else if (!input.beneficiaryCountries.includes(request.countryIso3)) {
        problems.push({
          field: 'input.requestId',
          message: `the request is ${request.countryIso3}'s, which is not a beneficiary country`,
        });
      }
    }
    if (problems.length > 0) {
      throw badUserInput(problems);
    }
    const editor = isEditor(ctx.viewer);
    const p = input.participants;
    return {
      id,
      title: input.title.trim(),
      type: input.type,
      modality: input.modality ?? null,
      start_date: input.startDate,
      end_date: input.endDate,
      location_iso3: input.locationCountry ?? null,
      location_city: input.locationCity ?? null,
      beneficiary_iso3s: [...new Set(input.beneficiaryCountries)],
      beneficiary_institutions: input.beneficiaryInstitutions ?? [],
      implementer_ids: [...new Set(input.implementerIds)],
      project_id: input.projectId ?? null,
      gpc_pillar: input.gpcPillar,
      gpc_areas: [...new Set(input.gpcAreas)],
      offence_category_codes: [...new Set(input.offenceCategories ?? [])],
      participants_total: p?.total ?? null,
      participants_female: p?.female ?? null,
      participants_male: p?.male ?? null,
      participants_other: p?.other ?? null,
      participants_by_role: p ? JSON.stringify(p.byRole) : null,
      needs_assessment_id: input.needsAssessmentId ?? null,
      request_id: input.requestId ?? null,
      legislation_ids: [...new Set(input.legislationIds ?? [])],
      provision_ids: [...new Set(input.provisionIds ?? [])],
      synthetic: false,
      source: input.source,
      confidence: 'to verify',
      notes: null,
      review_status: editor ? ReviewStatus.PUBLISHED : ReviewStatus.PENDING_REVIEW,
      submitted_by_org_id: editor ? null : (ctx.viewer.organizationId ?? null),
    };
  }

  private async reload(ctx: AssistanceContext, id: string): Promise<TechnicalAssistanceActivity> {
    const activity = await ctx.loaders.activityById.load(id);
    if (!activity) {
      throw notFound('TechnicalAssistanceActivity', id, 'id');
    }
    return activity;
  }
}
