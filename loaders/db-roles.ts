import { createHash } from 'node:crypto';
import {
  CompiledQuery,
  sql,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';

/**
 * One PostgreSQL role per subgraph, with rights on its own schema only, so that `laws` code cannot
 * read `member_states.needs_finding` even by mistake or through a SQL injection.
 *
 * Roles are cluster-wide while schemas are per database, and several databases (each developer's,
 * CI's) share a cluster: the role of a subgraph is named after the database and the schema
 * (`cybercrime_laws`), so databases never share or race on a role. `.ci/run` drops a run's roles
 * with its database.
 */
export function subgraphRoleName(database: string, dbSchema: string): string {
  const name = `${database}_${dbSchema}`;
  if (Buffer.byteLength(name) <= 63) {
    return name;
  }
  // PostgreSQL truncates identifiers at 63 bytes: keep them distinct with a hash.
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
  return `${Buffer.from(name)
    .subarray(0, 54)
    .toString('utf8')
    .replace(/\uFFFD+$/, '')}_${hash}`;
}

const quoted = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

/** The name of the database a handle is connected to. */
export async function currentDatabase(db: Kysely<unknown>): Promise<string> {
  const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(db);
  return rows[0]?.name ?? 'postgres';
}

/**
 * Creates the subgraph's role if missing and gives it exactly what the runtime needs in its own
 * schema: USAGE on the schema; SELECT, INSERT, UPDATE, DELETE on its tables and USAGE on its
 * sequences; the audit log append-only (SELECT, INSERT) and the migration history read-only. No
 * TRUNCATE, no DDL, no rights in any other schema (PUBLIC loses its default rights on the schema).
 * The tables stay owned by the migrating user, so the role cannot alter, drop or disable triggers.
 *
 * Run by the kernel migration runner after each subgraph's migrations, as a user that may create
 * roles. Serialised per schema with an advisory lock: concurrent GRANTs on one table fail with
 * "tuple concurrently updated". Returns the role's name.
 */
export async function grantSubgraphRole(db: Kysely<unknown>, dbSchema: string): Promise<string> {
  const role = subgraphRoleName(await currentDatabase(db), dbSchema);
  const r = sql.raw(quoted(role));
  const s = sql.raw(quoted(dbSchema));
  const tables = async (trx: Kysely<unknown>, names: string[]) => {
    const { rows } = await sql<{ name: string }>`
      select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = ${dbSchema} and c.relkind in ('r', 'p') and c.relname in (${sql.join(names)})`.execute(
      trx,
    );
    return rows.map((row) => sql.raw(`${quoted(dbSchema)}.${quoted(row.name)}`));
  };
  await db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext(${`crg-role:${dbSchema}`}))`.execute(trx);
    await sql`do $$ begin create role ${r} nologin; exception when duplicate_object or unique_violation then null; end $$`.execute(
      trx,
    );
    await sql`revoke all on schema ${s} from public`.execute(trx);
    await sql`grant usage on schema ${s} to ${r}`.execute(trx);
    await sql`grant select, insert, update, delete on all tables in schema ${s} to ${r}`.execute(
      trx,
    );
    await sql`grant usage, select on all sequences in schema ${s} to ${r}`.execute(trx);
    for (const table of await tables(trx, ['kysely_migration', 'kysely_migration_lock'])) {
      await sql`revoke insert, update, delete on ${table} from ${r}`.execute(trx);
    }
    for (const table of await tables(trx, ['audit_log'])) {
      await sql`revoke update, delete on ${table} from ${r}`.execute(trx);
    }
  });
  return role;
}

/** Whether the connected user may create roles (a superuser or CREATEROLE). */
export async function canManageRoles(db: Kysely<unknown>): Promise<boolean> {
  const { rows } = await sql<{ can: boolean }>`
    select (rolsuper or rolcreaterole) as can from pg_roles where rolname = current_user`.execute(
    db,
  );
  return rows[0]?.can ?? false;
}

/**
 * A Kysely dialect over a shared driver (one pool, one embedded database) that runs every
 * statement as `role` (`null`: as the user that logged in). Before a connection is handed out, it
 * is switched with `SET ROLE` / `RESET ROLE` when it last served another role; each connection's
 * current role is remembered, so a pool serving one subgraph pays the switch once per connection.
 *
 * What this guards against: one subgraph's code reading another's schema by mistake or through
 * injected SQL that does not itself say `RESET ROLE`. A process logged in as a superuser could
 * still reset its role: in deployments each subgraph logs in as its own role (see
 * docs/security.md), where there is nothing to reset to.
 */
export class RoleScopedDialect implements Dialect {
  constructor(
    private readonly inner: Dialect,
    private readonly shared: SharedDriver,
    private readonly role: string | null,
  ) {}

  createAdapter() {
    return this.inner.createAdapter();
  }

  createDriver(): Driver {
    return new RoleScopedDriver(this.shared, this.role);
  }

  createIntrospector(db: Kysely<unknown>) {
    return this.inner.createIntrospector(db);
  }

  createQueryCompiler() {
    return this.inner.createQueryCompiler();
  }
}

/** One driver shared by every role-scoped handle; the root handle owns (and destroys) it. */
export class SharedDriver {
  readonly roles = new WeakMap<DatabaseConnection, string | null>();
  #init: Promise<void> | undefined;

  constructor(readonly driver: Driver) {}

  init(): Promise<void> {
    this.#init ??= this.driver.init();
    return this.#init;
  }
}

/**
 * Kysely's driver wrapper patches each connection it sees to log its statements, once per Kysely
 * instance. The connections of the shared pool are seen by several instances (one per role), so
 * each instance gets a view of its own: a statement is logged (and counted) once.
 */
class ConnectionView implements DatabaseConnection {
  constructor(readonly inner: DatabaseConnection) {}

  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    return this.inner.executeQuery<R>(query);
  }

  streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(query, chunkSize);
  }
}

const innerOf = (connection: DatabaseConnection): DatabaseConnection =>
  connection instanceof ConnectionView ? connection.inner : connection;

class RoleScopedDriver implements Driver {
  readonly #views = new WeakMap<DatabaseConnection, ConnectionView>();

  constructor(
    private readonly shared: SharedDriver,
    private readonly role: string | null,
  ) {}

  init(): Promise<void> {
    return this.shared.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await this.shared.driver.acquireConnection();
    if ((this.shared.roles.get(connection) ?? null) !== this.role) {
      try {
        await connection.executeQuery(
          CompiledQuery.raw(this.role === null ? 'reset role' : `set role ${quoted(this.role)}`),
        );
      } catch (error) {
        this.shared.roles.delete(connection);
        await this.shared.driver.releaseConnection(connection);
        throw error;
      }
      this.shared.roles.set(connection, this.role);
    }
    let view = this.#views.get(connection);
    if (!view) {
      view = new ConnectionView(connection);
      this.#views.set(connection, view);
    }
    return view;
  }

  // The inner driver gets its own connection back, never the view: Kysely's PostgreSQL driver
  // calls private methods on it (marking a connection whose rollback failed for discard).
  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    return this.shared.driver.beginTransaction(innerOf(connection), settings);
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.shared.driver.commitTransaction(innerOf(connection));
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.shared.driver.rollbackTransaction(innerOf(connection));
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.shared.driver.releaseConnection(innerOf(connection));
  }

  async destroy(): Promise<void> {
    // The root handle destroys the shared driver; a scoped handle has nothing of its own.
    if (this.role === null) {
      await this.shared.driver.destroy();
    }
  }
}

/**
 * Drops the role of a schema that is itself being dropped (throwaway test schemas); the schema's
 * grants must be gone first. Never used on a subgraph's role: other processes may be using it.
 */
export async function dropSubgraphRole(db: Kysely<unknown>, dbSchema: string): Promise<void> {
  const role = subgraphRoleName(await currentDatabase(db), dbSchema);
  await sql`drop role if exists ${sql.raw(quoted(role))}`.execute(db);
}

/** `DATABASE_PASSWORD_HOTLINE_REPORTS` holds the password of the `hotline-reports` role's login. */
export function databasePasswordEnvName(subgraph: string): string {
  return `DATABASE_PASSWORD_${subgraph.toUpperCase().replace(/-/g, '_')}`;
}

/**
 * Lets the subgraph's role log in with `password`, for deployments where each service connects as
 * its own role (`postgres://<database>_<schema>:<password>@…`). Run by `npm run db:migrate`.
 */
export async function allowSubgraphLogin(
  db: Kysely<unknown>,
  dbSchema: string,
  password: string,
): Promise<string> {
  const role = subgraphRoleName(await currentDatabase(db), dbSchema);
  const literal = `'${password.replace(/'/g, "''")}'`;
  await sql`alter role ${sql.raw(quoted(role))} login password ${sql.raw(literal)}`.execute(db);
  return role;
}
