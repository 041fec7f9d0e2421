import { clientOperation } from '../operations/index.js';

/**
 * A report input or run that cannot give a report: `field` names what was wrong (`from`, `to`,
 * `period`, `endpoint`, `format`, `authorization`), the message says how to fix it.
 */
export class ReportError extends Error {
  constructor(
    readonly field: string,
    message: string,
    /** The HTTP status a web request for the report gets. */
    readonly status = 400,
  ) {
    super(message);
    this.name = 'ReportError';
  }
}

/** One operation sent to the graph: what the annex lists so that anyone can rerun it. */
export interface OperationCall {
  /** "Q1", "Q2" …: how figures refer to it. */
  readonly id: string;
  readonly operation: string;
  readonly variables: Readonly<Record<string, unknown>>;
  readonly sha256: string;
}

export interface GraphClient {
  readonly endpoint: string;
  /** Every operation sent so far, in order. */
  readonly calls: readonly OperationCall[];
  /** Runs a client operation by name; resolves with its data and the call's id. */
  run<T>(
    operation: string,
    variables?: Record<string, unknown>,
  ): Promise<{ data: T; call: string }>;
}

export interface GraphClientOptions {
  /** The gateway's GraphQL endpoint, such as http://127.0.0.1:4000/graphql. */
  readonly endpoint: string;
  /** The viewer's `Authorization` header, forwarded as is; none: the public view. */
  readonly authorization?: string;
  readonly timeoutMs?: number;
}

interface GraphQLResponse {
  readonly data?: unknown;
  readonly errors?: readonly { message: string; extensions?: { code?: string } }[];
}

/**
 * A GraphQL client for the report: it sends the named operations of `clients/operations/` over
 * HTTP, as any client of the graph would, and records each call for the annex.
 */
export function graphClient(options: GraphClientOptions): GraphClient {
  let endpoint: URL;
  try {
    endpoint = new URL(options.endpoint);
  } catch {
    throw new ReportError(
      'endpoint',
      `The endpoint "${options.endpoint}" is not a URL; pass one such as http://127.0.0.1:4000/graphql.`,
    );
  }
  if (endpoint.protocol !== 'http:' && endpoint.protocol !== 'https:') {
    throw new ReportError(
      'endpoint',
      `The endpoint "${options.endpoint}" must be an http or https URL.`,
    );
  }
  const calls: OperationCall[] = [];
  return {
    endpoint: endpoint.toString(),
    calls,
    async run<T>(name: string, variables: Record<string, unknown> = {}) {
      const operation = clientOperation(name);
      const id = `Q${calls.length + 1}`;
      calls.push({ id, operation: name, variables, sha256: operation.sha256 });
      let response: Response;
      try {
        response = await fetch(endpoint, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            accept: 'application/json',
            ...(options.authorization ? { authorization: options.authorization } : {}),
          },
          body: JSON.stringify({ query: operation.body, operationName: name, variables }),
          signal: AbortSignal.timeout(options.timeoutMs ?? 60_000),
        });
      } catch (error) {
        const cause = (error as { cause?: { code?: string; message?: string } }).cause;
        throw new ReportError(
          'endpoint',
          `Cannot reach the graph at ${endpoint.toString()} (${cause?.code ?? cause?.message ?? (error as Error).message}). Start it with "npm start", or pass --endpoint with the gateway's GraphQL URL.`,
          502,
        );
      }
      let body: GraphQLResponse;
      try {
        body = (await response.json()) as GraphQLResponse;
      } catch {
        throw new ReportError(
          'endpoint',
          `${endpoint.toString()} answered ${name} with HTTP ${response.status} and no GraphQL response: is it the gateway's GraphQL endpoint?`,
          502,
        );
      }
      const first = body.errors?.[0];
      if (first) {
        const code = first.extensions?.code ?? 'ERROR';
        const field =
          code === 'UNAUTHENTICATED' || code === 'FORBIDDEN' ? 'authorization' : 'endpoint';
        throw new ReportError(
          field,
          `The graph refused ${name} (${code}): ${first.message}`,
          code === 'UNAUTHENTICATED' ? 401 : code === 'FORBIDDEN' ? 403 : 502,
        );
      }
      if (!response.ok || body.data === undefined || body.data === null) {
        throw new ReportError(
          'endpoint',
          `${endpoint.toString()} answered ${name} with HTTP ${response.status} and no data.`,
          502,
        );
      }
      return { data: body.data as T, call: id };
    },
  };
}
