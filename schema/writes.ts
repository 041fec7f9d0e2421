import type { Transaction } from 'kysely';
import { appendAudit, type AuditRecord, type AuditTables } from '../loaders/audit.js';
import { invalidate, subgraphTag, type Invalidation } from '../loaders/invalidation.js';
import type { SubgraphContext } from './context.js';
import { badUserInput, notFound } from './errors.js';

export interface WriteOutcome<T> {
  readonly result: T;
  /** What the write changed, for the append-only audit log (committed with the write). */
  readonly audit: readonly AuditRecord[];
  /** Entity-cache keys and response-cache tags to purge once the write has committed. */
  readonly invalidate: Invalidation;
}

/** What a write needs of its context: a request's, or an importer's outside any request. */
export type WriteContext<Tables> = Pick<
  SubgraphContext<Tables, unknown>,
  'subgraph' | 'db' | 'cache' | 'viewer' | 'requestId' | 'clientRequestId' | 'repurgeAfterMs'
>;

interface PgError {
  code?: string;
  constraint?: string;
}

/**
 * The one way to write: validate before calling, then `work` runs in a transaction that also
 * appends the audit entries, so a write and its audit commit or roll back together (nothing is
 * half-written). After the commit the affected cache entries are purged, and the response-cache
 * tags of the written types and of the whole subgraph are bumped. A unique-constraint
 * violation becomes BAD_USER_INPUT naming the field in `uniqueFields` (constraint → field).
 */
export async function runWrite<Tables extends AuditTables, T>(
  ctx: WriteContext<Tables>,
  work: (trx: Transaction<Tables>) => Promise<WriteOutcome<T>>,
  uniqueFields: Readonly<Record<string, string>> = {},
): Promise<T> {
  let outcome: WriteOutcome<T>;
  try {
    outcome = await ctx.db.transaction().execute(async (trx) => {
      const out = await work(trx);
      await appendAudit(trx, ctx, out.audit);
      return out;
    });
  } catch (error) {
    const pg = error as PgError;
    if (pg?.code === '23505') {
      const field = (pg.constraint && uniqueFields[pg.constraint]) ?? 'id';
      throw badUserInput([{ field, message: 'a record with this value already exists' }]);
    }
    throw error;
  }
  // `subgraph:<name>` purges every cached response that read any field of this subgraph, so
  // derived figures (coverage, totals) never outlive the write that changed their inputs.
  await invalidate(
    ctx.cache,
    {
      keys: outcome.invalidate.keys,
      tags: [...outcome.invalidate.tags, subgraphTag(ctx.subgraph)],
    },
    ctx.repurgeAfterMs,
  );
  return outcome.result;
}

/**
 * An editor's review decision on one record, through `runWrite`: PUBLISHED, REJECTED or ARCHIVED
 * (never back to PENDING_REVIEW; nothing is deleted), audited with the status before and after.
 * `lock` reads the record under a row lock (undefined when it does not exist).
 */
export async function runReview<
  Tables extends AuditTables,
  Row extends { readonly review_status: string },
>(
  ctx: SubgraphContext<Tables, unknown>,
  target: {
    readonly entityType: string;
    readonly id: string;
    readonly decision: string;
    readonly lock: (trx: Transaction<Tables>) => Promise<Row | undefined>;
    readonly set: (trx: Transaction<Tables>) => Promise<unknown>;
    /** What to purge, from the locked record. */
    readonly invalidate: (locked: Row) => Invalidation;
  },
): Promise<void> {
  if (target.decision === 'PENDING_REVIEW') {
    throw badUserInput([{ field: 'decision', message: 'use PUBLISHED, REJECTED or ARCHIVED' }]);
  }
  await runWrite(ctx, async (trx) => {
    const before = await target.lock(trx);
    if (before === undefined) {
      throw notFound(target.entityType, target.id, 'id');
    }
    await target.set(trx);
    return {
      result: target.id,
      audit: [
        {
          entityType: target.entityType,
          entityId: target.id,
          action: target.decision,
          before: { reviewStatus: before.review_status },
          after: { reviewStatus: target.decision },
        },
      ],
      invalidate: target.invalidate(before),
    };
  });
}

/**
 * A patch for an update: the entries of `fields` whose value is not `undefined`. An omitted input
 * field stays as stored; whether `null` clears a column or means "omitted" is the caller's choice
 * (map it to `undefined` for the latter).
 */
export function patchOf<T extends object>(
  fields: T,
): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}
