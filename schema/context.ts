import type { Kysely } from 'kysely';
import type { KeyValueCache } from '../loaders/cache.js';
import type { Viewer } from '../loaders/identity.js';
import type { Logger } from '../loaders/logger.js';

/** What every resolver receives; built per request, so loaders never share data across viewers. */
export interface SubgraphContext<Tables, Loaders> {
  /** The subgraph serving the request, as in the registry: `laws`. */
  readonly subgraph: string;
  /** Made by this server for this request. */
  readonly requestId: string;
  /** What the caller sent as `x-request-id` (the gateway's request id), kept apart. */
  readonly clientRequestId?: string | undefined;
  readonly viewer: Viewer;
  readonly logger: Logger;
  /** The subgraph's own schema: `root.withSchema(dbSchema)`. Resolvers pass it to repositories. */
  readonly db: Kysely<Tables>;
  readonly loaders: Loaders;
  /** The entity cache, for purges after writes. */
  readonly cache: KeyValueCache | undefined;
  /**
   * With read replicas (`DATABASE_REPLICA_URLS`): a write's purge runs again this long after
   * (`DATABASE_REPLICA_REPURGE_MS`, `invalidate` in loaders/invalidation.ts).
   */
  readonly repurgeAfterMs?: number | undefined;
}
