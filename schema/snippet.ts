/**
 * Search snippets are HTML: stored text escaped, then the matches marked. The database marks
 * matches with two control characters that stored text never keeps (`SNIPPET_SQL_STRIP` removes
 * them from the document first), so the marks survive escaping and nothing stored can open a tag.
 */
export const SNIPPET_START = '\u0001';
export const SNIPPET_STOP = '\u0002';

/** `ts_headline` options marking matches with the sentinels. */
export function headlineOptions(extra = ''): string {
  return `StartSel=${SNIPPET_START}, StopSel=${SNIPPET_STOP}${extra ? `, ${extra}` : ''}`;
}

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes the text for HTML, then turns the sentinels into `<mark>` and `</mark>`. */
export function htmlSafeSnippet(marked: string): string {
  return marked
    .replace(/[&<>"']/g, (c) => ESCAPES[c] as string)
    .replaceAll(SNIPPET_START, '<mark>')
    .replaceAll(SNIPPET_STOP, '</mark>');
}
