// The search text's variants (spelling variants and synonyms) that the laws subgraph's one
// full-text search (./text-search.repository.ts) matches: pure, for unit tests.

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
