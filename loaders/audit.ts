import {
  sql,
  type ColumnType,
  type Generated,
  type Insertable,
  type Kysely,
  type Transaction,
} from 'kysely';
import type { Viewer } from './identity.js';

/** The kernel table every subgraph schema has (see kernel-migrations.ts). */
export interface AuditLogTable {
  id: Generated<string>;
  at: ColumnType<Date, never, never>;
  request_id: string;
  client_request_id: string | null;
  actor_subject: string | null;
  actor_role: string;
  actor_country_iso3: string | null;
  actor_organization_id: string | null;
  entity_type: string;
  entity_id: string;
  action: string;
  before: ColumnType<unknown, string | null, never>;
  after: ColumnType<unknown, string | null, never>;
}

export interface AuditTables {
  audit_log: AuditLogTable;
}

export interface AuditEntry {
  id: string;
  at: string;
  requestId: string;
  clientRequestId: string | null;
  actorSubject: string | null;
  actorRole: string;
  actorCountryIso3: string | null;
  actorOrganizationId: string | null;
  entityType: string;
  entityId: string;
  action: string;
  /** JSON text of the record before and after the write; null for a create or an archive. */
  before: string | null;
  after: string | null;
}

export interface AuditRecord {
  readonly entityType: string;
  readonly entityId: string;
  /** A verb: CREATE, UPDATE, SUBMIT, PUBLISH, REJECT, ARCHIVE, REPEAL … */
  readonly action: string;
  readonly before: unknown;
  readonly after: unknown;
}

/** The columns an audit entry is written with. */
const AUDIT_COLUMNS = [
  'request_id',
  'client_request_id',
  'actor_subject',
  'actor_role',
  'actor_country_iso3',
  'actor_organization_id',
  'entity_type',
  'entity_id',
  'action',
  'before',
  'after',
] as const satisfies readonly (keyof AuditLogTable)[];

/** One audit row: a value for each of `AUDIT_COLUMNS`, typed by the table. */
type AuditValues = {
  readonly [C in (typeof AUDIT_COLUMNS)[number]]-?: Insertable<AuditLogTable>[C];
};

const json = (value: unknown) =>
  value === undefined || value === null ? null : JSON.stringify(value);

function auditValues(
  who: { viewer: Viewer; requestId: string; clientRequestId?: string | undefined },
  r: AuditRecord,
): AuditValues {
  return {
    request_id: who.requestId,
    client_request_id: who.clientRequestId ?? null,
    actor_subject: who.viewer.subject ?? null,
    actor_role: who.viewer.role,
    actor_country_iso3: who.viewer.countryIso3 ?? null,
    actor_organization_id: who.viewer.organizationId ?? null,
    entity_type: r.entityType,
    entity_id: r.entityId,
    action: r.action,
    before: json(r.before),
    after: json(r.after),
  };
}

/**
 * Appends entries inside the write's own transaction: the audit and the write commit together.
 * It takes any subgraph's transaction (`Tables` holds `audit_log`). Kysely's types are invariant
 * in the tables, and a generic `Tables` defers the type of `.values()`, so the rows go as a
 * `VALUES` list under the typed column names (the same statement `.values()` would build), each
 * row typed by `AuditValues`.
 */
export async function appendAudit<Tables extends AuditTables>(
  trx: Transaction<Tables>,
  who: { viewer: Viewer; requestId: string; clientRequestId?: string | undefined },
  records: readonly AuditRecord[],
): Promise<void> {
  if (records.length === 0) {
    return;
  }
  const rows = records.map((r) => auditValues(who, r));
  await trx
    .insertInto('audit_log')
    .columns(AUDIT_COLUMNS)
    .expression(
      sql`values ${sql.join(rows.map((row) => sql`(${sql.join(AUDIT_COLUMNS.map((c) => row[c]))})`))}`,
    )
    .execute();
}

/** Newest first, keyset-paginated by id. */
export async function findAuditEntries(
  db: Kysely<AuditTables>,
  filter: { entityType?: string | undefined; entityId?: string | undefined },
  limit: number,
  beforeId: string | undefined,
): Promise<AuditEntry[]> {
  let query = db
    .selectFrom('audit_log')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(limit + 1);
  if (filter.entityType) {
    query = query.where('entity_type', '=', filter.entityType);
  }
  if (filter.entityId) {
    query = query.where('entity_id', '=', filter.entityId);
  }
  if (beforeId) {
    query = query.where('id', '<', sql<string>`${beforeId}::bigint`);
  }
  const rows = await query.execute();
  return rows.map((row) => ({
    id: String(row.id),
    at: new Date(row.at).toISOString(),
    requestId: row.request_id,
    clientRequestId: row.client_request_id,
    actorSubject: row.actor_subject,
    actorRole: row.actor_role,
    actorCountryIso3: row.actor_country_iso3,
    actorOrganizationId: row.actor_organization_id,
    entityType: row.entity_type,
    entityId: row.entity_id,
    action: row.action,
    before: row.before === null ? null : JSON.stringify(row.before),
    after: row.after === null ? null : JSON.stringify(row.after),
  }));
}
