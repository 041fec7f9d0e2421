import { ApolloGateway } from '@apollo/gateway';
import type { ClientOperation } from '../clients/operations/index.js';
import type { ViewerSigner } from '../loaders/identity.js';
import type { Logger } from '../loaders/logger.js';
import type { GatewayConfig } from './config.js';
import { listSizesOf } from './limits.js';
import type { GatewayMetrics } from './metrics.js';
import {
  coreSubgraphNames,
  keyFieldSetsBySubgraph,
  restrictRepresentations,
  type KeyFieldSets,
} from './partner-representations.js';
import { planWarmer } from './plan-warmup.js';
import { fieldOwnersOf, type FieldOwners } from './response-cache.js';
import { queryPlanCache } from './stores.js';
import { SubgraphDataSource } from './subgraph-data-source.js';
import type { SupergraphFileSource } from './supergraph-source.js';

/** What the gateway reads from the supergraph being served; follows hot reloads. */
export interface SupergraphFacts {
  /** Who resolves each field, for the response cache's per-subgraph tags. */
  fieldOwners(): FieldOwners | undefined;
  /** The cost model's list sizes, as the subgraphs declare them with @listSize. */
  listSizes(): ReadonlyMap<string, number> | undefined;
}

export interface SubgraphGateway {
  readonly gateway: ApolloGateway;
  /** Where subgraph `name` really runs: `SUBGRAPH_URL_<NAME>`, else the supergraph's URL. */
  urlOf(name: string, url: string): string;
  /** The data source of each subgraph planned so far, for `/ready`'s circuit states. */
  readonly dataSources: ReadonlyMap<string, SubgraphDataSource>;
  readonly facts: SupergraphFacts;
  /** Settles once the plans of the supergraph loaded last are warmed (bounded in time). */
  plansWarmed(): Promise<void>;
}

/**
 * @apollo/gateway, unless `APOLLO_TELEMETRY_DISABLED` is set, reports anonymous usage to Apollo
 * (OTLP to usage-reporting.api.apollographql.com, hourly) and probes the AWS, GCP, Azure and
 * Alibaba metadata services when it is built. The graph calls nothing it was not configured to
 * call, so it is off unless an operator sets the variable otherwise (`false`) on purpose
 * (test/gateway/no-outbound.test.ts).
 */
export function keepApolloTelemetryOff(): void {
  if (!process.env['APOLLO_TELEMETRY_DISABLED']) {
    process.env['APOLLO_TELEMETRY_DISABLED'] = 'true'; // Unset or empty: Apollo's would be on.
  }
}
/**
 * @apollo/gateway over the supergraph source: one resilient `SubgraphDataSource` per subgraph,
 * signing the viewer with `signerFor(name)`, and a bounded query-plan cache. Trust tiers come
 * from the registry at start; a subgraph that is not CORE there (a partner, or one added later
 * by hot reload) is treated as PARTNER, fail closed: it receives only its entities' key fields.
 */
export async function createSubgraphGateway(parts: {
  readonly config: Required<GatewayConfig>;
  readonly source: SupergraphFileSource;
  readonly signerFor: (name: string) => ViewerSigner | undefined;
  readonly metrics: GatewayMetrics;
  readonly logger: Logger;
  /** Operations whose plans are cached at every supergraph load: the trusted documents. */
  readonly warmOperations?: readonly ClientOperation[];
}): Promise<SubgraphGateway> {
  const { config, metrics } = parts;
  const urlOf = (name: string, url: string) => config.subgraphUrls[name] ?? url;
  const dataSources = new Map<string, SubgraphDataSource>();
  const coreSubgraphs = await coreSubgraphNames(config.supergraphPath);
  let partnerKeys = new Map<string, KeyFieldSets>();
  const plans = queryPlanCache(
    { maxBytes: config.queryPlanCacheMiB * 1024 * 1024, maxEntries: config.queryPlanCacheEntries },
    metrics,
  );
  keepApolloTelemetryOff();
  const gateway = new ApolloGateway({
    supergraphSdl: parts.source.hook,
    buildService: ({ name, url }) => {
      const dataSource = new SubgraphDataSource(
        { url: urlOf(name, url ?? '') },
        { audience: name, signer: parts.signerFor(name) },
        {
          name,
          timeoutMs: config.subgraphTimeoutMs,
          retries: config.subgraphRetries,
          retryBaseMs: config.subgraphRetryBaseMs,
          maxResponseBytes: config.subgraphMaxResponseBytes,
          breaker: config.breaker,
          deduplicate: config.subgraphDedup,
          metrics,
        },
      );
      if (!coreSubgraphs.has(name)) {
        dataSource.restrictRequest = (request) =>
          restrictRepresentations(request, partnerKeys.get(name) ?? new Map());
      }
      dataSources.set(name, dataSource);
      return dataSource;
    },
    queryPlannerConfig: { cache: plans as never },
    logger: parts.logger,
  });
  const warmer = planWarmer(gateway, plans, parts.warmOperations ?? [], parts.logger);
  let fieldOwners: FieldOwners | undefined;
  let listSizes: ReadonlyMap<string, number> | undefined;
  gateway.onSchemaLoadOrUpdate(({ coreSupergraphSdl }) => {
    fieldOwners = fieldOwnersOf(coreSupergraphSdl);
    partnerKeys = keyFieldSetsBySubgraph(coreSupergraphSdl);
    listSizes = listSizesOf(coreSupergraphSdl);
    warmer.warm();
  });
  return {
    gateway,
    urlOf,
    dataSources,
    facts: { fieldOwners: () => fieldOwners, listSizes: () => listSizes },
    plansWarmed: () => warmer.settled(),
  };
}
