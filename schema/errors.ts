import { GraphQLError } from 'graphql';

/**
 * The one error vocabulary of the graph. Clients branch on `extensions.code`, never on messages;
 * the gateway keeps each subgraph's code and adds `serviceName`.
 */
export const ERROR_CODES = {
  BAD_USER_INPUT: 'An argument or input field is invalid; `invalidFields` names each one.',
  NOT_FOUND: 'No record has the key asked for; `type` and `key` say which.',
  UNAUTHENTICATED:
    'The credentials (bearer token or identity header) are missing, forged or expired.',
  FORBIDDEN: 'The viewer is known but may not do this.',
  RATE_LIMITED: 'Too many requests or too much cost; retry after `retryAfterSeconds`.',
  QUERY_TOO_COMPLEX:
    'The operation exceeds a gateway limit (depth, aliases, root fields, tokens, size or cost); `limit`, `maximum` and `actual` say which and by how much.',
  OVERLOADED:
    'The gateway is already running as many heavy operations as it can hold in memory; retry after `retryAfterSeconds`.',
  SUBGRAPH_UNAVAILABLE:
    'A subgraph timed out, failed or is paused by its circuit breaker; `serviceName` names it. Data from the other subgraphs is still returned.',
  DATABASE_UNAVAILABLE:
    "A subgraph's database is restarting, unreachable or too slow (a statement or connection timeout); retry after `retryAfterSeconds`. A write that got it may or may not have been applied: read before writing again.",
  EXPORT_INCOMPLETE:
    'A CSV or XLSX export was asked for a result with errors: no file is made from a partial answer; the errors follow.',
  EXPORT_TOO_LARGE:
    'A CSV or XLSX export would hold more rows than `maximum` (sibling lists multiply): export fewer lists, or page.',
  PERSISTED_QUERY_NOT_TRUSTED:
    'The gateway serves only trusted documents (the operations of the graph’s own clients) to this role or origin; send one of them by its persisted-query hash or exact text (HTTP 403).',
  INTERNAL_SERVER_ERROR: 'Something failed on our side; the request id finds it in the logs.',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** Codes that Apollo Server and the gateway emit themselves and that pass to clients unchanged. */
export const PASS_THROUGH_CODES: ReadonlySet<string> = new Set([
  ...Object.keys(ERROR_CODES),
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

export interface InvalidField {
  /** The argument or input path, as the client wrote it: `first`, `filter.region`. */
  readonly field: string;
  readonly message: string;
}

/** Every invalid field at once, so a client marks them all in one round trip. */
export function badUserInput(invalidFields: readonly InvalidField[]): GraphQLError {
  const message = invalidFields.map((f) => `${f.field}: ${f.message}`).join('; ');
  return new GraphQLError(`Invalid input. ${message}`, {
    extensions: { code: 'BAD_USER_INPUT', invalidFields },
  });
}

/** The value, or NOT_FOUND when there is none: `return found(await load(id), 'Country', id, 'iso3')`. */
export function found<T>(
  value: T | null | undefined,
  type: string,
  key: string,
  field?: string,
): T {
  if (value === null || value === undefined) {
    throw notFound(type, key, field);
  }
  return value;
}

/** `throw notFound('Country', 'XXX', 'iso3')`. */
export function notFound(type: string, key: string, field?: string): GraphQLError {
  return new GraphQLError(`No ${type} has ${field ?? 'key'} "${key}".`, {
    extensions: { code: 'NOT_FOUND', type, key, ...(field ? { field } : {}) },
  });
}

export function unauthenticated(reason: string): GraphQLError {
  return new GraphQLError(`Not authenticated: ${reason}`, {
    extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
  });
}

export function forbidden(reason: string): GraphQLError {
  return new GraphQLError(`Forbidden: ${reason}`, { extensions: { code: 'FORBIDDEN' } });
}

/** FORBIDDEN with the offending input field in `extensions.field`, so a client can mark it. */
export function forbiddenField(field: string, reason: string): GraphQLError {
  const error = forbidden(`${field}: ${reason}`);
  Object.assign(error.extensions, { field });
  return error;
}

export function rateLimited(reason: string, retryAfterSeconds: number): GraphQLError {
  return new GraphQLError(`Rate limited: ${reason}. Retry after ${retryAfterSeconds} s.`, {
    extensions: { code: 'RATE_LIMITED', retryAfterSeconds, http: { status: 429 } },
  });
}

export function overloaded(reason: string, retryAfterSeconds: number): GraphQLError {
  return new GraphQLError(`Overloaded: ${reason}. Retry after ${retryAfterSeconds} s.`, {
    extensions: { code: 'OVERLOADED', retryAfterSeconds, http: { status: 503 } },
  });
}

/** A gateway limit: `limit` names it, `actual` exceeds `maximum`. */
export function queryTooComplex(
  limit: string,
  actual: number,
  maximum: number,
  detail = '',
): GraphQLError {
  return new GraphQLError(
    `Query too complex: ${limit} is ${actual}, over the limit of ${maximum} by ${actual - maximum}${detail}.`,
    { extensions: { code: 'QUERY_TOO_COMPLEX', limit, maximum, actual, http: { status: 400 } } },
  );
}

/** A subgraph that failed, timed out or whose circuit is open. */
export function subgraphUnavailable(serviceName: string, reason: string): GraphQLError {
  return new GraphQLError(`Subgraph "${serviceName}" is unavailable: ${reason}.`, {
    extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName },
  });
}

/** The database failed the request (see `databaseFault`); `reason` is `timeout` or `unavailable`. */
export function databaseUnavailable(reason: 'timeout' | 'unavailable'): GraphQLError {
  return new GraphQLError(
    reason === 'timeout'
      ? 'The database did not finish in time. Retry after 1 s.'
      : 'The database is unavailable (restarting or unreachable). Retry after 1 s.',
    { extensions: { code: 'DATABASE_UNAVAILABLE', retryAfterSeconds: 1 } },
  );
}

export const UNEXPECTED_ERROR_MESSAGE = 'Unexpected error.';
