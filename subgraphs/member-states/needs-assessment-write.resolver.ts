import { randomUUID } from 'node:crypto';
import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import type { AuditRecord } from '../../loaders/audit.js';
import { notFound, found } from '../../schema/errors.js';
import { todayUtc } from '../../schema/scalars.js';
import { runWrite, type WriteOutcome } from '../../schema/writes.js';
import type { MemberStatesContext } from './context.js';
import { assertMaySetConsent, assertOwnState } from './member-states.access.js';
import { needsAssessmentCacheKeys } from './member-states.loaders.js';
import { AssessmentStatus, ConsentLevel, NeedsAssessment } from './needs-assessment.entity.js';
import {
  RecordNeedsAssessmentInput,
  RequestNeedsAssessmentInput,
} from './needs-assessment.input.js';
import {
  changeFinding,
  insertNeedsAssessment,
  lockFindings,
  lockNeedsAssessment,
  recordNeedsAssessment,
  updateNeedsAssessmentState,
  type FollowUpChange,
  type LockedAssessment,
  type LockedFinding,
} from './needs-assessment.repository.js';
import {
  checkAcceptable,
  checkRecord,
  checkRecordable,
  checkRequest,
} from './needs-assessment.validation.js';

type Trx = Parameters<typeof lockNeedsAssessment>[0];

/** An audited workflow step: its assessment entry (and any others), purging what it touched. */
function written(
  id: string,
  audit: Pick<AuditRecord, 'action' | 'before' | 'after'>,
  purge: { ids?: readonly string[]; countryIso3: string; more?: readonly AuditRecord[] },
): WriteOutcome<string> {
  const ids = [id, ...(purge.ids ?? [])];
  return {
    result: id,
    audit: [{ entityType: 'NeedsAssessment', entityId: id, ...audit }, ...(purge.more ?? [])],
    invalidate: {
      keys: needsAssessmentCacheKeys(ids, purge.countryIso3),
      tags: ['NeedsAssessment', ...ids.map((i) => `NeedsAssessment:${i}`)],
    },
  };
}

/** The audit entry of a follow-up's change to an earlier finding. */
function findingAudit(finding: LockedFinding, change: FollowUpChange): AuditRecord {
  return {
    entityType: 'NeedsFinding',
    entityId: finding.id,
    action: change.kind,
    before: { status: finding.status, severity: finding.severity },
    after: {
      status: change.kind === 'CLOSED' ? 'CLOSED' : finding.status,
      severity: change.severityAfter,
      byAssessment: change.assessmentId,
      note: change.note,
    },
  };
}

/** The assessment under a row lock; NOT_FOUND when unknown. */
async function lockAssessment(trx: Trx, id: string): Promise<LockedAssessment> {
  return found(await lockNeedsAssessment(trx, id), 'NeedsAssessment', id, 'id');
}

async function reload(ctx: MemberStatesContext, id: string): Promise<NeedsAssessment> {
  // Another mutation of the same operation may have loaded it before this write.
  ctx.loaders.needsAssessmentById.clear(id);
  return found(await ctx.loaders.needsAssessmentById.load(id), 'NeedsAssessment', id, 'id');
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
    const checked = checkRequest(input, todayUtc());
    const country = await ctx.loaders.countryByIso3.load(input.country);
    if (!country) {
      throw notFound('Country', input.country, 'input.country');
    }
    const { role, countryIso3 } = ctx.viewer;
    const request = {
      ...checked,
      id: `na-${input.country.toLowerCase()}-${randomUUID().slice(0, 8)}`,
      countryIso3: input.country,
      requestedBy: checked.requestedBy ?? `Focal point of ${country.name}`,
      requestedOn: input.requestedOn,
      source: `Requested through the API by ${role}${countryIso3 ? ` (${countryIso3})` : ''}`,
    };
    await runWrite(ctx, async (trx) => {
      await insertNeedsAssessment(trx, request);
      const audit = { action: 'REQUEST', before: null, after: request };
      return written(request.id, audit, { countryIso3: request.countryIso3 });
    });
    return reload(ctx, request.id);
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
    const recorded = checkRecord(input, todayUtc());
    await runWrite(ctx, async (trx) => {
      const before = await lockAssessment(trx, id);
      const earlier = await lockFindings(
        trx,
        (input.followUps ?? []).map((f) => f.findingId),
      );
      const followUps = checkRecordable(before, input, earlier);
      await recordNeedsAssessment(trx, id, recorded);
      for (const { change } of followUps) {
        await changeFinding(trx, change);
      }
      const after = { ...recorded, status: AssessmentStatus.RECORDED };
      return written(
        id,
        { action: 'RECORD', before: { status: before.status }, after },
        {
          ids: [...new Set(earlier.map((f) => f.assessmentId))],
          countryIso3: before.countryIso3,
          more: followUps.map(({ finding, change }) => findingAudit(finding, change)),
        },
      );
    });
    return reload(ctx, id);
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
      const before = await lockAssessment(trx, id);
      assertOwnState(ctx.viewer, before.countryIso3, 'id');
      checkAcceptable(before);
      const state = { status: AssessmentStatus.ACCEPTED, acceptedOn: todayUtc(), consent };
      await updateNeedsAssessmentState(trx, id, state);
      const audit = {
        action: 'ACCEPT',
        before: { status: before.status, consent: before.consent },
        after: state,
      };
      return written(id, audit, { countryIso3: before.countryIso3 });
    });
    return reload(ctx, id);
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
    assertMaySetConsent(ctx.viewer, consent);
    await runWrite(ctx, async (trx) => {
      const before = await lockAssessment(trx, id);
      assertOwnState(ctx.viewer, before.countryIso3, 'id');
      await updateNeedsAssessmentState(trx, id, { consent });
      const audit = { action: 'CONSENT', before: { consent: before.consent }, after: { consent } };
      return written(id, audit, { countryIso3: before.countryIso3 });
    });
    return reload(ctx, id);
  }
}
