import type { Kysely } from 'kysely';
import type { Problems } from '../../schema/validation.js';
import type { AssistanceTables } from './assistance.table.js';

// This subgraph's copies of other subgraphs' lists (countries, organisations, projects, offence
// categories), read to check that an input names records that exist.

type Db = Kysely<AssistanceTables>;

type KnownList = 'country' | 'organization' | 'project' | 'offenceCategory';

async function known(db: Db, list: KnownList, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) {
    return new Set();
  }
  const keys = [...ids];
  const rows =
    list === 'country'
      ? await db
          .selectFrom('known_country')
          .select('iso3 as key')
          .where('iso3', 'in', keys)
          .execute()
      : list === 'organization'
        ? await db
            .selectFrom('known_organization')
            .select('id as key')
            .where('id', 'in', keys)
            .execute()
        : list === 'project'
          ? await db
              .selectFrom('known_project')
              .select('id as key')
              .where('id', 'in', keys)
              .execute()
          : await db
              .selectFrom('known_offence_category')
              .select('code as key')
              .where('code', 'in', keys)
              .execute();
  return new Set(rows.map((r) => r.key));
}

/**
 * Each id not in this subgraph's copy of the other subgraph's list becomes a problem, named
 * `field[i]` (or `field` when `indexed` is false, for a single value).
 */
export async function unknownIdProblems(
  db: Db,
  list: KnownList,
  field: string,
  ids: readonly string[],
  what: string,
  indexed = true,
): Promise<Problems> {
  const found = await known(db, list, ids);
  return ids.flatMap((id, i) =>
    found.has(id)
      ? []
      : [{ field: indexed ? `${field}[${i}]` : field, message: `"${id}" is not a known ${what}` }],
  );
}

/** One optional value, reported under `field` itself. */
export async function unknownIdProblem(
  db: Db,
  list: KnownList,
  field: string,
  id: string | null | undefined,
  what: string,
): Promise<Problems> {
  return id ? unknownIdProblems(db, list, field, [id], what, false) : [];
}
