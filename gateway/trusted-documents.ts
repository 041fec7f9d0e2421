import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { GraphQLError } from 'graphql';
import type { ClientOperation } from '../clients/operations/index.js';
import type { Logger } from '../loaders/logger.js';
import type { ApolloKeyValueCache } from './stores.js';

type TrustedDocumentsMode = 'off' | 'log' | 'enforce';

interface TrustedDocumentsSettings {
  readonly mode: TrustedDocumentsMode;
  /** Roles held to trusted documents; empty (with no origins either): every request. */
  readonly roles: readonly string[];
  /** `Origin` header values held to trusted documents. */
  readonly origins: readonly string[];
}

/** The code of a refused document; the HTTP status is 403. */
export const PERSISTED_QUERY_NOT_TRUSTED = 'PERSISTED_QUERY_NOT_TRUSTED';

/**
 * The trusted documents: the operations of the graph's own clients (`clients/operations/`), by
 * the SHA-256 of each form they are sent in: graphql-js's print (`body`, what the report and
 * plain `fetch` clients send) and Apollo Client's (`apolloClientBody`, with `__typename`).
 */
export class TrustedDocuments {
  private readonly byHash = new Map<string, { name: string; body: string }>();

  constructor(operations: readonly ClientOperation[]) {
    for (const operation of operations) {
      this.byHash.set(operation.sha256, { name: operation.name, body: operation.body });
      this.byHash.set(operation.apolloClientSha256, {
        name: operation.name,
        body: operation.apolloClientBody,
      });
    }
  }

  /** How many hashes are registered (two forms per operation). */
  get size(): number {
    return this.byHash.size;
  }

  /** The document text registered under a hash (hex SHA-256), if trusted. */
  bodyOf(hash: string): string | undefined {
    return this.byHash.get(hash.toLowerCase())?.body;
  }

  /** The operation name registered under a hash, if trusted. */
  nameOf(hash: string): string | undefined {
    return this.byHash.get(hash.toLowerCase())?.name;
  }
}

/**
 * Apollo Server's persisted-query store with the trusted documents registered at start: they are
 * found by hash before the shared store is asked, never expire and are never overwritten, so a
 * client's first hash-only GET of a trusted operation already hits.
 */
export function withTrustedDocuments(
  trusted: TrustedDocuments,
  store: ApolloKeyValueCache<string>,
): ApolloKeyValueCache<string> {
  // Apollo Server asks its persisted-query store for `apq:<hash>`.
  const trustedBody = (key: string) => trusted.bodyOf(key.replace(/^apq:/, ''));
  return {
    async get(key) {
      return trustedBody(key) ?? store.get(key);
    },
    async set(key, value, options) {
      if (trustedBody(key) === undefined) {
        await store.set(key, value, options);
      }
    },
    async delete(key) {
      if (trustedBody(key) === undefined) {
        await store.delete(key);
      }
    },
  };
}

/**
 * The hash a request runs: the SHA-256 of its `query` when it carries one (what Apollo checks a
 * registration against), else the `persistedQuery.sha256Hash` it names. Undefined when it names
 * neither, or is not one operation (a batch).
 */
export function requestedHash(body: unknown, search: string): string | undefined {
  let query: unknown;
  let extensions: unknown;
  if (body !== undefined) {
    if (!body || typeof body !== 'object' || Array.isArray(body)) {
      return undefined;
    }
    ({ query, extensions } = body as { query?: unknown; extensions?: unknown });
  } else {
    const params = new URLSearchParams(search);
    query = params.get('query') ?? undefined;
    try {
      extensions = JSON.parse(params.get('extensions') ?? 'null');
    } catch {
      extensions = undefined;
    }
  }
  if (typeof query === 'string') {
    return createHash('sha256').update(query).digest('hex');
  }
  const hash = (extensions as { persistedQuery?: { sha256Hash?: unknown } } | null | undefined)
    ?.persistedQuery?.sha256Hash;
  return typeof hash === 'string' ? hash.toLowerCase() : undefined;
}

/** Whether a request is held to trusted documents: its role or its origin is listed. */
export function heldToTrusted(
  settings: TrustedDocumentsSettings,
  role: string,
  origin: string | undefined,
): boolean {
  if (settings.roles.length === 0 && settings.origins.length === 0) {
    return true;
  }
  return (
    settings.roles.includes(role) || (origin !== undefined && settings.origins.includes(origin))
  );
}

/**
 * The trusted-documents check, before anything is parsed. `off`: nothing. A request not held to
 * trusted documents (by role or origin) passes. Otherwise a document whose hash is not trusted
 * is logged (`log`) or refused with PERSISTED_QUERY_NOT_TRUSTED, HTTP 403 (`enforce`).
 */
export function checkTrustedDocument(
  settings: TrustedDocumentsSettings,
  trusted: TrustedDocuments,
  request: {
    readonly req: IncomingMessage;
    readonly role: string;
    readonly body: unknown;
    readonly search: string;
    readonly requestId: string;
  },
  logger: Logger,
): void {
  if (settings.mode === 'off') {
    return;
  }
  const origin = request.req.headers.origin;
  if (!heldToTrusted(settings, request.role, origin)) {
    return;
  }
  const hash = requestedHash(request.body, request.search);
  if (hash !== undefined && trusted.nameOf(hash) !== undefined) {
    return;
  }
  logger.warn(
    {
      requestId: request.requestId,
      role: request.role,
      ...(origin ? { origin: origin.slice(0, 200) } : {}),
      hash: hash?.slice(0, 64),
      mode: settings.mode,
    },
    settings.mode === 'enforce' ? 'untrusted document refused' : 'untrusted document served',
  );
  if (settings.mode === 'enforce') {
    throw new GraphQLError(
      'Only the trusted documents of the graph’s own clients are served here (clients/operations/): send one of them, by its persisted-query hash or its exact text.',
      { extensions: { code: PERSISTED_QUERY_NOT_TRUSTED, http: { status: 403 } } },
    );
  }
}
