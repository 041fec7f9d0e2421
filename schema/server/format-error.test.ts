import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { badUserInput, notFound } from '../errors.js';
import { formatError } from './format-error.js';

const located = (error: Error) =>
  new GraphQLError(error.message, { path: ['country'], originalError: error });

describe('formatError', () => {
  it('masks an unexpected error: no message, stack or SQL reaches the client', () => {
    const raw = new Error(
      'relation "member_states.country" does not exist\n    at Pool.query (pg/lib/pool.js)',
    );
    const error = located(raw);
    expect(
      formatError(
        {
          message: error.message,
          path: ['country'],
          extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['x'] },
        },
        error,
      ),
    ).toEqual({
      message: 'Unexpected error.',
      path: ['country'],
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  });

  it('keeps our codes with their public extensions only', () => {
    const inner = notFound('Country', 'XXX', 'iso3');
    const error = located(inner);
    expect(
      formatError(
        {
          message: inner.message,
          extensions: { code: 'NOT_FOUND', exception: { stacktrace: [] } },
        },
        error,
      ),
    ).toEqual({
      message: 'No Country has iso3 "XXX".',
      extensions: { code: 'NOT_FOUND', type: 'Country', key: 'XXX', field: 'iso3' },
    });
  });

  it("prefers the innermost known code over Apollo's wrapper code", () => {
    const inner = badUserInput([{ field: 'first', message: 'too large' }]);
    const wrapper = new GraphQLError(inner.message, {
      originalError: inner,
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
    expect(
      formatError(
        { message: wrapper.message, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } },
        wrapper,
      ).extensions,
    ).toEqual({
      code: 'BAD_USER_INPUT',
      invalidFields: [{ field: 'first', message: 'too large' }],
    });
  });
});
