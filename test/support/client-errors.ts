import type { GraphQLResponse } from './harness.js';

/** An error as a client reads it in an inline snapshot. */
export interface ClientError {
  readonly message: string;
  readonly path?: readonly (string | number)[];
  readonly extensions?: Record<string, unknown>;
}

/**
 * The errors of an answer as a snapshot shows them: the message, the extensions (code, the
 * named fields) and the path. Left out are the `locations`, columns in the test's query text that
 * say nothing about the answer.
 */
export function clientErrors(
  response: Pick<GraphQLResponse, 'errors'>,
  /** Values that change between runs (generated ids), each shown as its placeholder. */
  volatile: Record<string, string> = {},
): ClientError[] | undefined {
  const errors = response.errors?.map(({ message, path, extensions }) => ({
    message,
    ...(path ? { path } : {}),
    ...(extensions ? { extensions } : {}),
  }));
  let text = JSON.stringify(errors);
  if (text === undefined) {
    return undefined;
  }
  // The longest first: an id that contains another (a provision's holds its law's) stays whole.
  const values = Object.entries(volatile).sort(([a], [b]) => b.length - a.length);
  for (const [value, placeholder] of values) {
    text = text.replaceAll(value, placeholder);
  }
  return JSON.parse(text) as ClientError[];
}
