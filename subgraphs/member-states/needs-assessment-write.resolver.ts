import { randomUUID } from 'node:crypto';
import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import type { Viewer } from '../../loaders/identity.js';
import { badUserInput, forbiddenField, notFound, type InvalidField } from '../../schema/errors.js';
import { isEditor } from '../../schema/access.js';
import { todayUtc } from '../../schema/scalars.js';
import { runWrite } from '../../schema/writes.js';
import type { MemberStatesContext } from './context.js';
import { AssessmentStatus, ConsentLevel, NeedsAssessment } from './needs-assessment.entity.js';
import {
  FollowUpAction,
  RecordNeedsAssessmentInput,
  RequestNeedsAssessmentInput,
} from './needs-assessment.input.js';
import { NEEDS_ASSESSMENT_CACHE } from './needs-assessment.loaders.js';
import {
  changeFinding,
  insertNeedsAssessment,
  insertNeedsFindings,
  lockFindings,
  lockNeedsAssessment,
  updateNeedsAssessment,
} from './needs-assessment.repository.js';
import type { NeedsAssessmentRow } from './needs-assessment.table.js';
import {
  followUpProblems,
  recordProblems,
  requestProblems,
} from './needs-assessment.validation.js';

const purge = (ids: readonly string[], countryIso3: string) => ({
  keys: [
    ...ids.map((id) => NEEDS_ASSESSMENT_CACHE.byId + id),
    NEEDS_ASSESSMENT_CACHE.byCountryIso3 + countryIso3,
  ],
  tags: ['NeedsAssessment', ...ids.map((id) => `NeedsAssessment:${id}`)],
});

/** A focal point acts for its own State only; editors for any. FORBIDDEN naming `field`. */
function assertOwnState(viewer: Viewer, countryIso3: string, field: string): void {
  if (!isEditor(viewer) && viewer.countryIso3 !== countryIso3.trim()) {
    throw forbiddenField(
      field,
      `a focal point of ${viewer.countryIso3 ?? '?'} acts on assessments of ${viewer.countryIso3 ?? '?'} only`,
    );
  }
}

function statusProblem(row: NeedsAssessmentRow, expected: AssessmentStatus, step: string) {
  return row.status === expected
    ? []
    : [{ field: 'id', message: `is ${row.status}; only a ${expected} assessment can be ${step}` }];
}

/**
 * The needs-assessment workflow, each step audited in the transaction of its write: a State (its
 * focal point, or an editor for it) requests one; an editor records it, with findings and any
 * follow-up of earlier findings; the State's focal point accepts it and gives its consent; the
 * consent can later be changed by the State, or withdrawn by an editor on its word.
 */
@Resolver(() => NeedsAssessment)
export class NeedsAssessmentWriteResolver {
  @Authorized('editor', 'state_focal_point')
  @Mutation(() => NeedsAssessment, {
    description:
      'Requests a needs assessment of a State (its focal point, or an editor), REQUESTED, RESTRICTED, consent NONE. Audited.',
  })
  async requestNeedsAssessment(
    @Arg('input', () => RequestNeedsAssessmentInput, {
      description: 'The State and the areas the assessment should cover.',
    })
    input: RequestNeedsAssessmentInput,
    @Ctx() ctx: MemberStatesContext,
  ): Promise<NeedsAssessment> {
    assertOwnState(ctx.viewer, input.country, 'input.country');
    const problems = requestProblems(input, todayUtc());
    if (problems.length > 0) {
      throw badUserInput(problems);
    }
    const country = await ctx.loaders.countryByIso3.load(input.country);
    if (!country) {
      throw notFound('Country', input.country, 'input.country');
    }
    const row = {
      id: `na-${input.country.toLowerCase()}-${randomUUID().slice(0, 8)}`,
      country_iso3: input.country,
      title: input.title.trim(),
      requested_by: input.requestedBy?.trim() || `Focal point of ${country.name}`,
      conducted_by_organization_ids: [],
      methodology: '',
      started_on: null,
      completed_on: null,
      areas: [...new Set(input.areas)],
      recommendations: [] as string[],
      public_summary: '',
      confidentiality: 'RESTRICTED',
      synthetic: false,
      source: `Requested through the API by ${ctx.viewer.role}${ctx.viewer.countryIso3 ? ` (${ctx.viewer.countryIso3})` : ''}`,
      status: AssessmentStatus.REQUESTED,
      consent: ConsentLevel.NONE,
      requested_on: input.requestedOn,
      accepted_on: null,
    };
    await runWrite(ctx, async (trx) => {
      await insertNeedsAssessment(trx, row);
      return {
        result: row.id,
        audit: [
          {
            entityType: 'NeedsAssessment',
            entityId: row.id,
            action: 'REQUEST',
            before: null,
            after: row,
          },
        ],
        invalidate: purge([row.id], row.country_iso3),
      };
    });
    return this.reload(ctx, row.id);
  }

  @Authorized('editor')
  @Mutation(() => NeedsAssessment, {
    description:
      'Records a REQUESTED assessment (editors): methodology, dates, findings, recommendations, confidentiality, and the earlier findings of the same State it closes or re-rates (their history kept). It then waits for the State to accept it. Audited, one entry per assessment and per finding changed.',
  })
  async recordNeedsAssessment(
    @Arg('id', () => String, { description: 'The requested assessment.' }) id: string,
    @Arg('input', () => RecordNeedsAssessmentInput, {
      description:
        'The assessment as conducted: methodology, findings, recommendations, follow-ups.',
    })
    input: RecordNeedsAssessmentInput,
    @Ctx() ctx: MemberStatesContext,
  ): Promise<NeedsAssessment> {
    const early = recordProblems(input, todayUtc());
    if (early.length > 0) {
      throw badUserInput(early);
    }
    await runWrite(ctx, async (trx) => {
      const before = await lockNeedsAssessment(trx, id);
      if (!before) {
        throw notFound('NeedsAssessment', id, 'id');
      }
      const followUps = input.followUps ?? [];
      const earlier = await lockFindings(
        trx,
        followUps.map((f) => f.findingId),
      );
      const problems: InvalidField[] = [
        ...statusProblem(before, AssessmentStatus.REQUESTED, 'recorded'),
        ...(before.requested_on && input.startedOn < before.requested_on
          ? [
              {
                field: 'input.startedOn',
                message: `must not be before the request (${before.requested_on})`,
              },
            ]
          : []),
        ...followUpProblems(followUps, earlier, before),
      ];
      if (problems.length > 0) {
        throw badUserInput(problems);
      }
      const values = {
        methodology: input.methodology.trim(),
        started_on: input.startedOn,
        completed_on: input.completedOn,
        conducted_by_organization_ids: [...new Set(input.conductedBy ?? [])],
        public_summary: input.publicSummary.trim(),
        confidentiality: input.confidentiality,
        recommendations: input.recommendations.map((r) => r.trim()),
        status: AssessmentStatus.RECORDED,
      };
      await updateNeedsAssessment(trx, id, values);
      const findings = input.findings.map((f, i) => ({
        id: `${id}-f${i + 1}`,
        assessment_id: id,
        ordinal: i + 1,
        area: f.area,
        gap: f.gap.trim(),
        severity: f.severity,
      }));
      await insertNeedsFindings(trx, findings);
      const changed = [];
      for (const followUp of followUps) {
        const finding = earlier.find((f) => f.id === followUp.findingId)!;
        const change = {
          findingId: finding.id,
          assessmentId: id,
          kind:
            followUp.action === FollowUpAction.CLOSE ? ('CLOSED' as const) : ('RERATED' as const),
          severityBefore: finding.severity,
          severityAfter: followUp.severity ?? finding.severity,
          note: followUp.note?.trim() || null,
        };
        await changeFinding(trx, change);
        changed.push({ finding, change });
      }
      return {
        result: id,
        audit: [
          {
            entityType: 'NeedsAssessment',
            entityId: id,
            action: 'RECORD',
            before: { status: before.status },
            after: { ...values, findings },
          },
          ...changed.map(({ finding, change }) => ({
            entityType: 'NeedsFinding',
            entityId: finding.id,
            action: change.kind,
            before: { status: finding.status, severity: finding.severity },
            after: {
              status: change.kind === 'CLOSED' ? 'CLOSED' : finding.status,
              severity: change.severityAfter,
              byAssessment: id,
              note: change.note,
            },
          })),
        ],
        invalidate: purge(
          [id, ...new Set(earlier.map((f) => f.assessmentId))],
          before.country_iso3.trim(),
        ),
      };
    });
    return this.reload(ctx, id);
  }

  @Authorized('state_focal_point')
  @Mutation(() => NeedsAssessment, {
    description:
      'The assessed State’s focal point accepts a RECORDED assessment and gives its consent for aggregates. Audited.',
  })
  async acceptNeedsAssessment(
    @Arg('id', () => String, { description: 'The recorded assessment.' }) id: string,
    @Arg('consent', () => ConsentLevel, { description: 'What aggregates may show of it.' })
    consent: ConsentLevel,
    @Ctx() ctx: MemberStatesContext,
  ): Promise<NeedsAssessment> {
    await runWrite(ctx, async (trx) => {
      const before = await lockNeedsAssessment(trx, id);
      if (!before) {
        throw notFound('NeedsAssessment', id, 'id');
      }
      assertOwnState(ctx.viewer, before.country_iso3, 'id');
      const problems = statusProblem(before, AssessmentStatus.RECORDED, 'accepted');
      if (problems.length > 0) {
        throw badUserInput(problems);
      }
      const values = { status: AssessmentStatus.ACCEPTED, accepted_on: todayUtc(), consent };
      await updateNeedsAssessment(trx, id, values);
      return {
        result: id,
        audit: [
          {
            entityType: 'NeedsAssessment',
            entityId: id,
            action: 'ACCEPT',
            before: { status: before.status, consent: before.consent },
            after: values,
          },
        ],
        invalidate: purge([id], before.country_iso3.trim()),
      };
    });
    return this.reload(ctx, id);
  }

  @Authorized('editor', 'state_focal_point')
  @Mutation(() => NeedsAssessment, {
    description:
      'Changes the consent of an assessment. The assessed State’s focal point sets any level; an editor may only record its withdrawal (NONE), as consent is the State’s to give. Audited.',
  })
  async setNeedsAssessmentConsent(
    @Arg('id', () => String, { description: 'The assessment.' }) id: string,
    @Arg('consent', () => ConsentLevel, { description: 'The new level.' }) consent: ConsentLevel,
    @Ctx() ctx: MemberStatesContext,
  ): Promise<NeedsAssessment> {
    if (isEditor(ctx.viewer) && consent !== ConsentLevel.NONE) {
      throw forbiddenField(
        'consent',
        'consent is given by the assessed State’s focal point; an editor may only withdraw it (NONE)',
      );
    }
    await runWrite(ctx, async (trx) => {
      const before = await lockNeedsAssessment(trx, id);
      if (!before) {
        throw notFound('NeedsAssessment', id, 'id');
      }
      assertOwnState(ctx.viewer, before.country_iso3, 'id');
      await updateNeedsAssessment(trx, id, { consent });
      return {
        result: id,
        audit: [
          {
            entityType: 'NeedsAssessment',
            entityId: id,
            action: 'CONSENT',
            before: { consent: before.consent },
            after: { consent },
          },
        ],
        invalidate: purge([id], before.country_iso3.trim()),
      };
    });
    return this.reload(ctx, id);
  }

  private async reload(ctx: MemberStatesContext, id: string): Promise<NeedsAssessment> {
    // Another mutation of the same operation may have loaded it before this write.
    ctx.loaders.needsAssessmentById.clear(id);
    const assessment = await ctx.loaders.needsAssessmentById.load(id);
    if (!assessment) {
      throw notFound('NeedsAssessment', id, 'id');
    }
    return assessment;
  }
}
