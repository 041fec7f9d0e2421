import { parse } from '@0no-co/graphql.web';
import { Client, fetchExchange, type AnyVariables } from '@urql/core';
import { persistedExchange } from '@urql/exchange-persisted';
import operations from 'virtual:client-operations';

/** One GraphQL error as the gateway sends it. */
export interface GraphError {
  readonly message: string;
  readonly path?: readonly (string | number)[];
  readonly extensions?: { readonly code?: string; readonly serviceName?: string };
}

/** What one operation answered: the data (possibly partial) and why parts are missing. */
export interface Outcome<T> {
  readonly operation: string;
  readonly variables: Record<string, unknown>;
  readonly data: T | undefined;
  readonly errors: readonly GraphError[];
  /** Subgraphs the gateway reported as down for this answer (`SUBGRAPH_UNAVAILABLE` `serviceName`). */
  readonly unavailable: readonly string[];
  /** The request never got a GraphQL answer (network down, 5xx without a body). */
  readonly networkError?: string;
}

const byBody = new Map(Object.values(operations).map((o) => [o.body, o.sha256]));
const documents = new Map<string, ReturnType<typeof parse>>();

/**
 * The operation's document exactly as the server's manifest holds it: parsed once, with its printed
 * body as the source, so urql sends these very bytes (it sends `loc.source.body` of a keyed
 * document) and the persisted-query hash is the manifest's.
 */
function documentOf(name: string) {
  const known = documents.get(name);
  if (known) {
    return known;
  }
  const operation = operations[name];
  if (!operation) {
    throw new Error(`No client operation ${name} in clients/operations/`);
  }
  const document = parse(operation.body, { noLocation: true }) as ReturnType<typeof parse> & {
    loc?: unknown;
  };
  (document as { loc?: unknown }).loc = {
    start: 0,
    end: operation.body.length,
    source: { body: operation.body, name: name, locationOffset: { line: 1, column: 1 } },
  };
  documents.set(name, document);
  return document;
}

/**
 * The dashboard's one GraphQL client: urql (`@urql/core`, no UI framework needed) over the one
 * endpoint, every query an automatic persisted query sent by GET with the trusted document's
 * SHA-256 (the full text follows only when the gateway has not seen the hash), the viewer's token
 * as a bearer header.
 */
export function createGraph(endpoint: string, token: () => string | undefined) {
  const client = new Client({
    url: endpoint,
    preferGetMethod: 'within-url-limit',
    requestPolicy: 'network-only',
    fetchOptions: () => {
      const bearer = token();
      return {
        headers: {
          // Apollo Server's CSRF guard wants one non-simple header on GET; same origin, no preflight.
          'apollo-require-preflight': 'true',
          ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
        },
      };
    },
    // No document cache exchange: it adds `__typename` to every selection, and the document sent
    // would no longer be the trusted one. Answers are cached over HTTP and by the gateway instead.
    exchanges: [
      persistedExchange({
        preferGetForPersistedQueries: 'within-url-limit',
        generateHash: async (query) => byBody.get(query),
      }),
      fetchExchange,
    ],
  });

  return {
    /** Runs a named client operation; never throws: failures come back in the outcome. */
    async run<T>(name: string, variables: Record<string, unknown>): Promise<Outcome<T>> {
      const result = await client.query(documentOf(name), variables as AnyVariables).toPromise();
      const errors: GraphError[] = (result.error?.graphQLErrors ?? []).map((e) => ({
        message: e.message,
        ...(e.path ? { path: e.path } : {}),
        ...(e.extensions ? { extensions: e.extensions as GraphError['extensions'] } : {}),
      }));
      const unavailable = [
        ...new Set(
          errors
            .filter((e) => e.extensions?.code === 'SUBGRAPH_UNAVAILABLE')
            .map((e) => e.extensions?.serviceName)
            .filter((s): s is string => typeof s === 'string'),
        ),
      ];
      const networkError = result.error?.networkError?.message;
      return {
        operation: name,
        variables,
        data: (result.data ?? undefined) as T | undefined,
        errors,
        unavailable,
        ...(networkError ? { networkError } : {}),
      };
    },
  };
}

export type Graph = ReturnType<typeof createGraph>;

/** Where the explorer opens an operation with its variables (the explorer page at `/`). */
export function explorerLink(operation: string, variables: Record<string, unknown>): string {
  const params = new URLSearchParams({ operation, variables: JSON.stringify(variables) });
  return `/?${params.toString()}`;
}
