import pg from 'pg';
import { databaseUrl } from './services.js';

/**
 * A PostgreSQL database of a test file's own, beside the run's (`<run database>_<label>`), for
 * tests that must see the seeded data untouched by other files or that add rows no other file may
 * see. `drop()` removes it and the subgraph roles its migrations created (named after it,
 * loaders/db-roles.ts); `.ci/run` drops whatever a cut-short run leaves, by the same prefix.
 * `undefined` without `DATABASE_URL`: use a throwaway embedded database instead.
 */
export async function freshDatabase(
  label: string,
): Promise<{ url: string; drop: () => Promise<void> } | undefined> {
  if (!databaseUrl) {
    return undefined;
  }
  const base = new URL(databaseUrl);
  const name = `${base.pathname.slice(1)}_${label}`;
  const admin = async (statements: (client: pg.Client) => Promise<void>) => {
    const url = new URL(databaseUrl!);
    url.pathname = '/postgres';
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    try {
      await statements(client);
    } finally {
      await client.end();
    }
  };
  const drop = () =>
    admin(async (client) => {
      await client.query(`drop database if exists "${name}" with (force)`);
      const { rows } = await client.query<{ rolname: string }>(
        `select rolname from pg_roles where starts_with(rolname, $1)`,
        [`${name}_`],
      );
      for (const { rolname } of rows) {
        await client.query(`drop role if exists "${rolname}"`);
      }
    });
  await drop();
  await admin(async (client) => {
    await client.query(`create database "${name}"`);
  });
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop };
}
