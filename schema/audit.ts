import {
  Arg,
  Authorized,
  Ctx,
  Directive,
  Field,
  ID,
  Int,
  ObjectType,
  Query,
  Resolver,
} from 'type-graphql';
import { findAuditEntries, type AuditTables } from '../loaders/audit.js';
import type { SubgraphContext } from './context.js';
import { badUserInput } from './errors.js';
import { pageSize } from './pagination.js';
import type { ClassType } from './subgraph.js';

@ObjectType({ description: 'One write, as recorded in a subgraph’s append-only audit log.' })
@Directive('@shareable')
export class AuditEntry {
  @Field(() => ID, { description: 'Increasing within one subgraph.' })
  id!: string;

  @Field(() => String, { description: 'When, as an ISO 8601 timestamp (UTC).' })
  at!: string;

  @Field(() => String, {
    description:
      'The request that made the write, as this subgraph named it; finds it in the logs.',
  })
  requestId!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'The caller’s request id (through the gateway: the gateway’s), kept apart; never chosen by the client for `requestId`.',
  })
  clientRequestId!: string | null;

  @Field(() => String, { nullable: true, description: 'The token subject of the writer.' })
  actorSubject!: string | null;

  @Field(() => String, { description: 'The writer’s role.' })
  actorRole!: string;

  @Field(() => String, { nullable: true, description: 'The focal point’s country, if any.' })
  actorCountryIso3!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The partner’s or donor’s organization, if any.',
  })
  actorOrganizationId!: string | null;

  @Field(() => String, { description: 'The GraphQL type written, such as "Legislation".' })
  entityType!: string;

  @Field(() => String, { description: 'Its key.' })
  entityId!: string;

  @Field(() => String, { description: 'CREATE, UPDATE, SUBMIT, PUBLISH, REJECT, ARCHIVE …' })
  action!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The record before the write, as JSON text.',
  })
  before!: string | null;

  @Field(() => String, { nullable: true, description: 'The record after the write, as JSON text.' })
  after!: string | null;
}

/**
 * A resolver class adding `Query.<fieldName>` (editors only) over this subgraph's audit log. Each
 * subgraph names its own field (`lawsAuditLog`), since each keeps its own log.
 */
export function auditLogResolver(fieldName: string, subgraphLabel: string): ClassType {
  @Resolver()
  class AuditLogResolver {
    @Authorized('editor')
    @Query(() => [AuditEntry], {
      name: fieldName,
      description: `The append-only audit log of the ${subgraphLabel} subgraph, newest first. Editors only.`,
    })
    async auditLog(
      @Ctx() ctx: SubgraphContext<AuditTables, unknown>,
      @Arg('entityType', () => String, { nullable: true, description: 'Only writes to this type.' })
      entityType?: string,
      @Arg('entityId', () => String, { nullable: true, description: 'Only writes to this record.' })
      entityId?: string,
      @Arg('first', () => Int, {
        nullable: true,
        description: 'How many (default 50, at most 500).',
      })
      first?: number,
      @Arg('before', () => ID, { nullable: true, description: 'Entries older than this id.' })
      before?: string,
    ): Promise<AuditEntry[]> {
      const limit = pageSize(first);
      if (before !== undefined && before !== null && !/^\d{1,18}$/.test(before)) {
        throw badUserInput([{ field: 'before', message: 'must be the id of an audit entry' }]);
      }
      const entries = await findAuditEntries(
        ctx.db,
        { entityType, entityId },
        limit,
        before ?? undefined,
      );
      return entries.slice(0, limit);
    }
  }
  return AuditLogResolver;
}
