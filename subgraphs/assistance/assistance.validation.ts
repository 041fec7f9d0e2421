import type { Problems } from '../../schema/validation.js';

// Checks shared by the entities of this subgraph. Pure: no database, no context.

/** Ids of other subgraphs' records that this one cannot look up: lower/upper letters, digits, `-._()`. */
const FOREIGN_ID = /^[A-Za-z0-9][A-Za-z0-9._()-]{0,127}$/;

/** Each malformed id of another subgraph's records, as `field[i]`. */
export function foreignIdProblems(field: string, ids: readonly string[]): Problems {
  return ids.flatMap((id, i) =>
    FOREIGN_ID.test(id)
      ? []
      : [{ field: `${field}[${i}]`, message: `"${id}" is not a well-formed id` }],
  );
}

/** One optional foreign id, reported under `field` itself. */
export function optionalForeignId(
  problems: Problems,
  field: string,
  id: string | null | undefined,
) {
  if (id) {
    problems.push(...foreignIdProblems(field, [id]).map((p) => ({ ...p, field })));
  }
}
