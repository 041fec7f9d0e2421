import { sql, type RawBuilder } from 'kysely';

// Latin letters with diacritics and the plain letter each folds to (same length, same order).
const ACCENTED = 'àáâãäåāăąçćčďèéêëēėęěğìíîïīįıłñńňòóôõöøōőŕřśşšșťţțùúûüūůűųýÿźżž';
const PLAIN = 'aaaaaaaaacccdeeeeeeeegiiiiiiilnnnoooooooorrsssstttuuuuuuuuyyzzz';
// Apostrophes, the backtick and hyphens read as spaces: "Cote d'Ivoire" = "cote d ivoire".
const SEPARATORS = "'’‘`-";

/**
 * A text folded for matching: lower case, Latin accents dropped, apostrophes and hyphens as
 * spaces, runs of white space as one. Plain SQL (`translate`, `regexp_replace`), so it is the same
 * on PostgreSQL 15 and PGlite and needs no extension (`unaccent` is not IMMUTABLE, and PGlite
 * loads it only when asked). Fold both sides of a comparison with it.
 */
export function foldText(value: RawBuilder<unknown> | string): RawBuilder<string> {
  const from = ACCENTED + SEPARATORS;
  const to = PLAIN + ' '.repeat(SEPARATORS.length);
  return sql<string>`regexp_replace(translate(lower(${value}), ${from}, ${to}), '\\s+', ' ', 'g')`;
}

/** The same folding in JavaScript, for values compared outside SQL. */
export function foldTextJs(value: string): string {
  let out = '';
  for (const ch of value.toLowerCase()) {
    const i = ACCENTED.indexOf(ch);
    out += i >= 0 ? PLAIN[i] : SEPARATORS.includes(ch) ? ' ' : ch;
  }
  return out.replace(/\s+/g, ' ');
}

/**
 * Lower case and Latin accents dropped, nothing else (search syntax such as `"…"` and `-word`
 * kept): the JavaScript twin of the accent folding in the laws subgraph's search vectors.
 */
export function foldAccentsJs(value: string): string {
  let out = '';
  for (const ch of value.toLowerCase()) {
    const i = ACCENTED.indexOf(ch);
    out += i >= 0 ? PLAIN[i] : ch;
  }
  return out;
}
