/**
 * Whether an error is the database failing rather than the request: the server is restarting or
 * unreachable, no connection was free in time, or a statement ran past `statement_timeout`.
 * `undefined` for anything else (a constraint, a bug), which stays an internal error.
 */
export function databaseFault(error: unknown): 'timeout' | 'unavailable' | undefined {
  let current: unknown = error;
  for (let depth = 0; current instanceof Error && depth < 6; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (code === '57014') {
      return 'timeout'; // query_canceled: statement_timeout, or cancelled with its request
    }
    if (
      typeof code === 'string' &&
      (code.startsWith('08') || // connection exception
        ['57P01', '57P02', '57P03', '53300', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE'].includes(code))
    ) {
      return 'unavailable';
    }
    if (
      /^(timeout exceeded when trying to connect|Connection terminated)/.test(current.message) ||
      /Client has encountered a connection error and is not queryable/.test(current.message)
    ) {
      return 'unavailable';
    }
    current =
      (current as { originalError?: unknown; cause?: unknown }).originalError ?? current.cause;
  }
  return undefined;
}
