import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { GraphQLError } from 'graphql';
import type { Logger } from '../loaders/logger.js';
import { errorLoggingPlugin } from '../schema/server/format-error.js';
import { nulVariablesPlugin } from '../schema/server/input-rule.js';
import type { HitIndex } from './cache-hits.js';
import type { GatewayConfig } from './config.js';
import type { GatewayContext } from './context.js';
import type { SupergraphFacts } from './data-sources.js';
import { httpCachePlugin } from './http-cache.js';
import { limitsPlugin, type LimitsOptions } from './limits-plugin.js';
import type { GatewayMetrics } from './metrics.js';
import { observabilityPlugin, type RequestRecorder } from './observability.js';
import { responseCachePlugin } from './response-cache.js';
import type { GatewayStores } from './stores.js';
import { tracingPlugins } from './tracing.js';
import { usagePlugin, type UsageRecorder } from './usage.js';

/** Whether responses vary by `Origin`: CORS limited to some origins, or trusted documents held by origin. */
export function variesByOrigin(config: Required<GatewayConfig>): boolean {
  return (
    (config.corsOrigins.length > 0 && !config.corsOrigins.includes('*')) ||
    (config.trustedDocuments.mode !== 'off' && config.trustedDocuments.origins.length > 0)
  );
}

/**
 * Refuses a document whose operation cannot be resolved (several operations and no name, or a name
 * it does not hold) as Apollo Server refuses it on any other server: 400
 * OPERATION_RESOLUTION_FAILURE with graphql-js's message. Apollo's gateway executor would fail on
 * it with a TypeError (a 500) instead.
 */
export function resolvedOperationPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request }) {
          if (operation) {
            return;
          }
          const name = request.operationName;
          throw new GraphQLError(
            name
              ? `Unknown operation named "${name.slice(0, 64)}".`
              : 'Must provide operation name if query contains multiple operations.',
            { extensions: { code: 'OPERATION_RESOLUTION_FAILURE', http: { status: 400 } } },
          );
        },
      };
    },
  };
}

/**
 * Apollo Server's plugins, in this order: no landing page, cache-control hints, HTTP caching,
 * error logs, NUL-free variables, one resolved operation, request logs and metrics, trace spans
 * (when tracing is on), field usage, limits and budgets, the response cache (when
 * `responseCacheOn`), and closing the gateway's own Redis client on stop.
 */
export function gatewayPlugins(parts: {
  readonly config: Required<GatewayConfig>;
  readonly logger: Logger;
  readonly metrics: GatewayMetrics;
  readonly limits: LimitsOptions;
  readonly stores: GatewayStores;
  readonly responseCacheOn: boolean;
  readonly facts: SupergraphFacts;
  readonly usage: UsageRecorder;
  /** The request log and duration histogram, shared with the cache hits served before Apollo. */
  readonly requests: RequestRecorder;
  readonly hits: HitIndex;
}): ApolloServerPlugin<GatewayContext>[] {
  const { config, logger, metrics, stores } = parts;
  return [
    // Browsers get the bundled explorer (gateway/explorer.ts), never Apollo's CDN-hosted Sandbox.
    ApolloServerPluginLandingPageDisabled(),
    // The gateway sets Cache-Control itself (httpCachePlugin) from the policy Apollo gathers.
    ApolloServerPluginCacheControl({ calculateHttpHeaders: false }),
    httpCachePlugin({ varyOrigin: variesByOrigin(config) }),
    errorLoggingPlugin(logger),
    nulVariablesPlugin(),
    resolvedOperationPlugin(),
    observabilityPlugin(parts.requests, metrics),
    ...tracingPlugins(),
    usagePlugin(parts.usage),
    limitsPlugin(parts.limits),
    ...(parts.responseCacheOn && stores.shared
      ? [
          responseCachePlugin({
            cache: stores.shared,
            fieldOwners: parts.facts.fieldOwners,
            maxAgeSeconds: config.responseCache.maxAgeSeconds,
            typeMaxAge: config.responseCache.typeMaxAge,
            metrics,
            hits: parts.hits,
          }),
        ]
      : []),
    {
      async serverWillStart() {
        return {
          async serverWillStop() {
            stores.close();
          },
        };
      },
    },
  ];
}
