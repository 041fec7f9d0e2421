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

const MAX_VARIANTS = 12;

const escapeRegExp = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A folded search text and its variants: each term of the synonym table found in the text (whole
 * words) is replaced by each of its alternatives ("unauthorised" → "unauthorized", "hacking" →
 * "illegal access"); at most 12. A row matches any of them. Pure.
 */
export function searchVariants(
  folded: string,
  synonyms: readonly { readonly term: string; readonly alternative: string }[],
): string[] {
  const texts = [folded];
  for (const { term, alternative } of synonyms) {
    const pattern = new RegExp(
      `(^|[^\\p{L}\\p{N}])${escapeRegExp(term)}(?=$|[^\\p{L}\\p{N}])`,
      'gu',
    );
    const replaced = folded.replace(pattern, (_m, before: string) => `${before}${alternative}`);
    if (replaced !== folded) {
      texts.push(replaced);
    }
    if (texts.length >= MAX_VARIANTS) {
      break;
    }
  }
  return [...new Set(texts)];
}
