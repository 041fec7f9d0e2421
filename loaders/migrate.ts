import { Migrator, type Kysely, type Migration, type MigrationResult } from 'kysely';
import { canManageRoles, grantSubgraphRole } from './db-roles.js';
import { kernelMigrations } from './kernel-migrations.js';

export type Migrations = Readonly<Record<string, Migration>>;

export class MigrationError extends Error {
  constructor(
    readonly dbSchema: string,
    readonly results: readonly MigrationResult[],
    cause: unknown,
  ) {
    const failed =
      results.find((r) => r.status === 'Error')?.migrationName ?? '(before any migration)';
    super(`Migration ${failed} of schema "${dbSchema}" failed: ${String(cause)}`, { cause });
    this.name = 'MigrationError';
  }
}

/**
 * Brings one subgraph's Postgres schema up to date: the kernel's migrations (the audit log) and
 * the subgraph's own, then creates the subgraph's role and grants it its schema only
 * (`grantSubgraphRole`). Each subgraph keeps its own history in `<dbSchema>.kysely_migration`, so it
 * can be moved or dropped alone. `db` is the root handle; the migrations run on
 * `db.withSchema(dbSchema)`. Kysely takes an advisory lock, so concurrent processes migrate once.
 * A kernel migration added later sorts before subgraph migrations already run, hence
 * `allowUnorderedMigrations`.
 */
export async function migrateSchema(
  db: Kysely<unknown>,
  dbSchema: string,
  migrations: Migrations,
): Promise<string[]> {
  const migrator = new Migrator({
    db: db.withSchema(dbSchema),
    migrationTableSchema: dbSchema,
    allowUnorderedMigrations: true,
    provider: { getMigrations: async () => ({ ...kernelMigrations(dbSchema), ...migrations }) },
  });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error) {
    throw new MigrationError(dbSchema, results, error);
  }
  // The subgraph's own role, with rights on this schema only. A process logged in as that role
  // (a deployment) finds nothing to migrate and may not manage roles: it skips this.
  if (await canManageRoles(db)) {
    await grantSubgraphRole(db, dbSchema);
  }
  return results.filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
