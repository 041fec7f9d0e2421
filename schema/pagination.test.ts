import { type GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, MAX_PAGE_SIZE, pageSize, toConnection } from './pagination.js';

function codeAndFields(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    const e = error as GraphQLError;
    return { code: e.extensions['code'], invalidFields: e.extensions['invalidFields'] };
  }
  throw new Error('expected an error');
}

describe('pagination', () => {
  it('round-trips a keyset cursor', () => {
    expect(decodeCursor(encodeCursor(['Kenya', 'KEN']), 2)).toEqual(['Kenya', 'KEN']);
  });

  it('rejects a cursor it did not make with BAD_USER_INPUT naming `after`', () => {
    expect(codeAndFields(() => decodeCursor('garbage', 2))).toEqual({
      code: 'BAD_USER_INPUT',
      invalidFields: [{ field: 'after', message: expect.stringContaining('not a cursor') }],
    });
    expect(codeAndFields(() => decodeCursor(encodeCursor(['one']), 2)).code).toBe('BAD_USER_INPUT');
  });

  it('rejects `first` above the page limit, naming the argument', () => {
    expect(codeAndFields(() => pageSize(MAX_PAGE_SIZE + 1))).toEqual({
      code: 'BAD_USER_INPUT',
      invalidFields: [
        {
          field: 'first',
          message: `must be between 0 and ${MAX_PAGE_SIZE}; got ${MAX_PAGE_SIZE + 1}`,
        },
      ],
    });
    expect(pageSize(undefined)).toBe(50);
  });

  it('builds a page from limit + 1 rows', () => {
    const page = toConnection([1, 2, 3], 2, 10, (n) => [n]);
    expect(page.edges.map((e) => e.node)).toEqual([1, 2]);
    expect(page.pageInfo).toEqual({ hasNextPage: true, endCursor: encodeCursor([2]) });
    expect(page.totalCount).toBe(10);
  });
});

describe('cursors a client forged (issue 12)', () => {
  it.each([
    ['a number beyond any sort key', '[1e400,"a","b"]'],
    ['a number beyond a float4 rank', '[1e39,"a","b"]'],
    ['a NUL character', '[0.5,"a\\u0000","b"]'],
  ])('%s is BAD_USER_INPUT naming `after`, never reaching SQL', (_name, json) => {
    const cursor = Buffer.from(json).toString('base64url');
    expect(codeAndFields(() => decodeCursor(cursor, 3))).toMatchObject({
      code: 'BAD_USER_INPUT',
      invalidFields: [{ field: 'after' }],
    });
  });
});
