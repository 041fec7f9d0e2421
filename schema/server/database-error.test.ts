import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { formatError } from './format-error.js';

describe('formatError on a database fault', () => {
  it('gives DATABASE_UNAVAILABLE with retryAfterSeconds, and no SQL or server message', () => {
    const raw = Object.assign(
      new Error('canceling statement due to statement timeout: select * from laws.legislation'),
      { code: '57014' },
    );
    const error = new GraphQLError(raw.message, { path: ['laws'], originalError: raw });
    expect(formatError({ message: error.message, path: ['laws'], extensions: {} }, error)).toEqual({
      message: 'The database did not finish in time. Retry after 1 s.',
      path: ['laws'],
      extensions: { code: 'DATABASE_UNAVAILABLE', retryAfterSeconds: 1 },
    });
    const down = new GraphQLError('x', {
      originalError: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), {
        code: 'ECONNREFUSED',
      }),
    });
    expect(formatError({ message: 'x' }, down)).toMatchObject({
      message: 'The database is unavailable (restarting or unreachable). Retry after 1 s.',
      extensions: { code: 'DATABASE_UNAVAILABLE' },
    });
  });
});
