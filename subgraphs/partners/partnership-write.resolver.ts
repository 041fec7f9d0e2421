import { randomUUID } from 'node:crypto';
import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { notFound, found } from '../../schema/errors.js';
import { ReviewStatus } from '../../schema/review.js';
import { runWrite, type WriteOutcome } from '../../schema/writes.js';
import type { PartnersContext } from './context.js';
import {
  assertMayPropose,
  assertMayWithdraw,
  canSeePartnership,
  proposalOf,
} from './partners.access.js';
import { forgetRequestMemo, partnershipCacheKeys } from './partners.loaders.js';
import { Partnership } from './partnership.entity.js';
import {
  CreatePartnershipInput,
  ReviewDecision,
  UpdatePartnershipInput,
} from './partnership.input.js';
import { insertPartnership, updatePartnership } from './partnership.repository.js';
import {
  checkPartnership,
  checkReviewable,
  mergePartnership,
  type PartnershipDraft,
  type PartnershipFacts,
} from './partnership.validation.js';

interface Touched {
  readonly id: string;
  readonly members: readonly { readonly organizationId: string }[];
  readonly countryIso3s: readonly string[];
}

/** What the database knows of a draft's organizations and countries. */
async function factsOf(ctx: PartnersContext, draft: PartnershipDraft): Promise<PartnershipFacts> {
  const [organizations, regions] = await Promise.all([
    ctx.loaders.organizationById.loadMany(draft.members.map((m) => m.organizationId)),
    ctx.loaders.regionByCountryIso3.loadMany([...draft.countries]),
  ]);
  return {
    organizationsFound: organizations.map((o) => o !== null && !(o instanceof Error)),
    regions: regions.map((r) => (typeof r === 'string' ? r : null)),
  };
}

/** One audited partnership write, purging the entity and every list it was or is in. */
function written(
  id: string,
  audit: { action: string; before: unknown; after: unknown },
  touched: readonly Touched[],
): WriteOutcome<undefined> {
  return {
    result: undefined,
    audit: [{ entityType: 'Partnership', entityId: id, ...audit }],
    invalidate: {
      keys: partnershipCacheKeys(touched),
      tags: ['Partnership', `Partnership:${id}`],
    },
  };
}

/** After a write this request's memoized loads are stale: forget them and read again. */
async function reload(ctx: PartnersContext, id: string): Promise<Partnership> {
  forgetRequestMemo(ctx);
  return found(await ctx.loaders.partnershipById.load(id), 'Partnership', id, 'id');
}

async function setStatus(
  ctx: PartnersContext,
  before: Partnership,
  reviewStatus: ReviewStatus,
  action: string,
): Promise<Partnership> {
  await runWrite(ctx, async (trx) => {
    await updatePartnership(trx, before.id, { reviewStatus });
    const audit = {
      action,
      before: { reviewStatus: before.reviewStatus },
      after: { reviewStatus },
    };
    return written(before.id, audit, [before]);
  });
  return reload(ctx, before.id);
}

@Resolver(() => Partnership)
export class PartnershipWriteResolver {
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
    assertMayPropose(ctx.viewer, input.members);
    const checked = checkPartnership(input, await factsOf(ctx, input), input);
    const { reviewStatus, proposedBy, action } = proposalOf(ctx.viewer);
    const id = `p-${randomUUID()}`;
    await runWrite(ctx, async (trx) => {
      await insertPartnership(trx, {
        ...checked,
        id,
        type: input.type,
        scope: checked.scope ?? null,
        startDate: input.startDate,
        endDate: input.endDate ?? null,
        reviewStatus,
        proposedBy,
        source: checked.source ?? `Entered through the partners API by a ${ctx.viewer.role}.`,
        members: input.members,
        themes: input.themes,
      });
      const after = { ...input, reviewStatus };
      return written(id, { action, before: null, after }, [
        { id, members: input.members, countryIso3s: input.countries },
      ]);
    });
    return reload(ctx, id);
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
    const merged = mergePartnership(before, input);
    const checked = checkPartnership(merged, await factsOf(ctx, merged), input);
    const replaced = input.themes || input.countries || input.members;
    await runWrite(ctx, async (trx) => {
      await updatePartnership(trx, id, {
        ...merged,
        title: checked.title,
        scope:
          input.scope === undefined || input.scope === null
            ? before.scope
            : (checked.scope ?? null),
        children: replaced ? { ...merged, countries: checked.countries } : undefined,
      });
      const after = { ...merged, title: checked.title };
      return written(id, { action: 'UPDATE', before, after }, [
        before,
        { id, members: merged.members, countryIso3s: merged.countries },
      ]);
    });
    return reload(ctx, id);
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
    checkReviewable(before);
    const status =
      decision === ReviewDecision.PUBLISH ? ReviewStatus.PUBLISHED : ReviewStatus.REJECTED;
    return setStatus(ctx, before, status, decision);
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
    const action = assertMayWithdraw(ctx.viewer, before);
    return setStatus(ctx, before, ReviewStatus.ARCHIVED, action);
  }
}
