import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { SNIPPET_START, SNIPPET_STOP } from '../../schema/snippet.js';

// The laws subgraph's one full-text search, shared by the laws, provisions, cases and lessons
// repositories: PostgreSQL's own `tsvector`/`websearch_to_tsquery` over accent-folded stored
// vectors (see the migrations). No extension is needed, so the same SQL runs on the PostgreSQL
// server and on embedded PGlite, and the tests run it on both.

/** Any of the texts (the search text and its variants, accent-folded), websearch syntax each. */
function textQuery(texts: readonly string[]): RawBuilder<unknown> {
  return sql`(${sql.join(
    texts.map((t) => sql`websearch_to_tsquery('english', ${t})`),
    sql` || `,
  )})`;
}

/** `<alias>.search` matches any of the texts. */
export function textMatches(alias: string, texts: readonly string[]): RawBuilder<SqlBool> {
  return sql<SqlBool>`${sql.ref(`${alias}.search`)} @@ ${textQuery(texts)}`;
}

/** ts_rank × 10⁶ as an integer (0 without a search text): exact in a cursor. */
export function rankOf(alias: string, texts: readonly string[] | undefined): RawBuilder<number> {
  return texts
    ? sql<number>`(ts_rank(${sql.ref(`${alias}.search`)}, ${textQuery(texts)}) * 1000000)::int`
    : sql<number>`0`;
}

/**
 * The matches in `document` marked with the snippet sentinels (removed from the document first),
 * or null without a search text; `htmlSafeSnippet` makes the HTML.
 */
export function snippetOf(
  document: RawBuilder<string>,
  texts: readonly string[] | undefined,
  options: string,
): RawBuilder<string | null> {
  const stripped = sql<string>`translate(${document}, ${SNIPPET_START + SNIPPET_STOP}, '')`;
  return texts
    ? sql<string>`ts_headline('english', ${stripped}, ${textQuery(texts)}, ${options})`
    : sql<string | null>`null`;
}
