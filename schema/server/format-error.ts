import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { databaseFault } from '../../loaders/database-faults.js';
import type { Logger } from '../../loaders/logger.js';
import { databaseUnavailable, PASS_THROUGH_CODES, UNEXPECTED_ERROR_MESSAGE } from '../errors.js';

/**
 * The innermost GraphQLError in the cause chain that carries a code we pass through: our own
 * factories sit innermost, under Apollo's wrappers (a scalar's BAD_USER_INPUT under
 * GRAPHQL_VALIDATION_FAILED).
 */
export function knownError(error: unknown): GraphQLError | undefined {
  let found: GraphQLError | undefined;
  let current: unknown = error;
  for (let depth = 0; current instanceof GraphQLError && depth < 5; depth += 1) {
    const code = current.extensions['code'];
    if (
      typeof code === 'string' &&
      PASS_THROUGH_CODES.has(code) &&
      code !== 'INTERNAL_SERVER_ERROR'
    ) {
      found = current;
    }
    current = current.originalError;
  }
  return found;
}

/**
 * Apollo Server refuses a malformed persisted-query extension (`"persistedQuery": 7`, another
 * version, a hash that does not match the query) with HTTP 400 and no code; the client is told
 * what was wrong, as BAD_REQUEST, not an unexpected error. Only Apollo's request-level refusals
 * have that shape: every error of this code base carries a code.
 */
function refusedRequest(error: unknown): string | undefined {
  if (!(error instanceof GraphQLError) || error.extensions['code'] !== undefined) {
    return undefined;
  }
  const status = (error.extensions['http'] as { status?: unknown } | undefined)?.status;
  return status === 400
    ? `extensions.persistedQuery: ${error.message} (expected {"version": 1, "sha256Hash": "<the query's SHA-256 in hex>"})`
    : undefined;
}

/** Extension keys a client may see; everything else (stack traces, `exception`) is dropped. */
const PUBLIC_EXTENSIONS = [
  'code',
  'invalidFields',
  'type',
  'key',
  'field',
  'retryAfterSeconds',
  'serviceName',
  'limit',
  'maximum',
  'actual',
];

/**
 * Apollo Server's `formatError`: keeps errors with a known code (preferring the code of the error
 * that caused it, so a scalar's BAD_USER_INPUT survives the validation phase) and masks everything
 * else as INTERNAL_SERVER_ERROR. No stack trace or SQL reaches a client; `errorLoggingPlugin`
 * logs the original with the request id.
 */
export function formatError(
  formatted: GraphQLFormattedError,
  error: unknown,
): GraphQLFormattedError {
  {
    const known = knownError(error);
    if (known) {
      const extensions: Record<string, unknown> = {};
      const source = { ...formatted.extensions, ...known.extensions };
      for (const key of PUBLIC_EXTENSIONS) {
        if (source[key] !== undefined) {
          extensions[key] = source[key];
        }
      }
      return {
        // The outer message keeps context the inner one lacks ("Variable \"$iso3\" got invalid value …").
        message: formatted.message,
        ...(formatted.locations ? { locations: formatted.locations } : {}),
        ...(formatted.path ? { path: formatted.path } : {}),
        extensions,
      };
    }
    const refused = refusedRequest(error);
    if (refused) {
      return { message: refused, extensions: { code: 'BAD_REQUEST' } };
    }
    const fault = databaseFault(error);
    if (fault) {
      // The database failed, not the request: a code the client can act on (retry), no SQL.
      const coded = databaseUnavailable(fault);
      return {
        message: coded.message,
        ...(formatted.path ? { path: formatted.path } : {}),
        extensions: { ...coded.extensions },
      };
    }
    return {
      message: UNEXPECTED_ERROR_MESSAGE,
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  }
}

/** Logs every error that `formatError` masks, with the request id, so support can find it. */
export function errorLoggingPlugin(
  logger: Logger,
): ApolloServerPlugin<{ requestId: string; clientRequestId?: string | undefined }> {
  return {
    async requestDidStart({ contextValue }) {
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors) {
            if (!knownError(error)) {
              logger.error(
                {
                  requestId: contextValue.requestId,
                  ...(contextValue.clientRequestId
                    ? { clientRequestId: contextValue.clientRequestId }
                    : {}),
                  err: error.originalError ?? error,
                  path: error.path,
                },
                'unexpected error (masked for the client)',
              );
            }
          }
        },
      };
    },
  };
}
