import { describe, expect, it } from 'vitest';
import { htmlSafeSnippet, SNIPPET_START, SNIPPET_STOP } from './snippet.js';

describe('htmlSafeSnippet', () => {
  it('escapes stored text, then marks the matches', () => {
    expect(
      htmlSafeSnippet(`<img src=x onerror="alert('x')"> & ${SNIPPET_START}crime${SNIPPET_STOP}`),
    ).toBe('&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt; &amp; <mark>crime</mark>');
  });
});
