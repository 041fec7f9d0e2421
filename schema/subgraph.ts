import type { Kysely } from 'kysely';
import type { LoaderDeps } from '../loaders/cached-loader.js';
import type { Migrations } from '../loaders/migrate.js';
import type { SubgraphContext } from './context.js';

// type-graphql takes resolver and type classes as plain constructors.
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export type ClassType = Function;

export type ReferenceResolver<Ctx> = (
  reference: Record<string, unknown>,
  context: Ctx,
) => Promise<unknown> | unknown;

/** What one seed run did, for logs and tests. */
export type SeedReport = Readonly<Record<string, number>>;

/** How to seed: real data always; the synthetic demo set only when asked (`SEED_SYNTHETIC`). */
export interface SeedOptions {
  readonly synthetic: boolean;
}

/**
 * The shape every subgraph exports from its `index.ts`: one function serves any subgraph, and one
 * test composes them all.
 */
export interface Subgraph<Tables = unknown, Loaders = unknown> {
  /** kebab-case, as in the registry and the supergraph: `member-states`. */
  readonly name: string;
  /** The Postgres schema this subgraph owns: `member_states`. */
  readonly dbSchema: string;
  readonly resolvers: readonly [ClassType, ...ClassType[]];
  readonly orphanedTypes?: readonly ClassType[];
  /** `__resolveReference` per entity type, each one line through a loader. */
  readonly referenceResolvers: Readonly<
    Record<string, { __resolveReference: ReferenceResolver<SubgraphContext<Tables, Loaders>> }>
  >;
  readonly migrations: Migrations;
  /**
   * Idempotent: a second run changes nothing. Real data always; synthetic rows (flagged) only
   * when `options.synthetic`.
   */
  readonly seed?: (db: Kysely<Tables>, options: SeedOptions) => Promise<SeedReport>;
  /**
   * For the benchmark: adds deterministic synthetic rows (flagged `synthetic`) in proportion to
   * `scale` (1, 10, 100), reporting progress; returns row counts by table.
   */
  readonly syntheticScale?: (
    db: Kysely<Tables>,
    scale: number,
    progress: (done: number, total: number) => void,
  ) => Promise<Record<string, number>>;
  /** Per request: a fresh set of DataLoaders. */
  readonly createLoaders: (db: Kysely<Tables>, deps: LoaderDeps) => Loaders;
}

/** Erases the type parameters, for lists of subgraphs. */
export type AnySubgraph = Subgraph<any, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
