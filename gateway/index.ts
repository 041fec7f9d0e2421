import { randomUUID } from 'node:crypto';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import type { RuntimeConfig } from '../loaders/config.js';
import type { Logger } from '../loaders/logger.js';
import { errorLoggingPlugin, formatError, knownError } from '../schema/format-error.js';
import { graphqlHttpListener, sendJson } from '../schema/http.js';
import { viewerFromRequest } from './auth.js';
import type { GatewayConfig } from './config.js';
import { SubgraphDataSource, type GatewayContext } from './subgraph-data-source.js';
import { supergraphFromFile } from './supergraph-source.js';

export interface GatewayDeps {
  readonly config: GatewayConfig;
  readonly runtime: RuntimeConfig;
  readonly logger: Logger;
}

async function isReachable(url: string, timeoutMs: number): Promise<boolean> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': `ready-${randomUUID()}` },
      body: JSON.stringify({ query: '{ __typename }' }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    return response.ok;
  } catch {
    return false;
  }
}

/**
 * The gateway: @apollo/gateway over the static supergraph file (reloaded on change), inside
 * Apollo Server 5, with `/health` (alive) and `/ready` (supergraph loaded, subgraphs reachable).
 */
export async function createGateway(deps: GatewayDeps) {
  const { config, runtime, logger } = deps;
  const source = supergraphFromFile(config.supergraphPath, logger);
  const urlOf = (name: string, url: string) => config.subgraphUrls[name] ?? url;
  const gateway = new ApolloGateway({
    supergraphSdl: source.hook,
    buildService: ({ name, url }) =>
      new SubgraphDataSource(
        { url: urlOf(name, url ?? ''), fetcher: fetch as never },
        runtime.identitySecret,
      ),
    logger,
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    formatError,
    includeStacktraceInErrorResponses: false,
    introspection: true,
    plugins: [errorLoggingPlugin(logger)],
  });
  await apollo.start();

  const listener = graphqlHttpListener<GatewayContext>({
    apollo,
    maxBodyBytes: runtime.maxBodyBytes,
    onContextError: (error, requestId) => {
      if (!knownError(error)) {
        logger.error({ requestId, err: error }, 'context creation failed');
      }
    },
    context: async (req, requestId) => ({
      requestId,
      viewer: await viewerFromRequest(req, {
        secret: config.jwtSecret,
        issuer: config.jwtIssuer,
        audience: config.jwtAudience,
      }),
    }),
    routes: {
      '/health': (_req, res) => sendJson(res, 200, { status: 'ok' }),
      '/ready': async (_req, res) => {
        const services = source.services();
        const checks = await Promise.all(
          services.map(async (s) => ({
            name: s.name,
            reachable: await isReachable(urlOf(s.name, s.url), 2000),
          })),
        );
        const unhealthy = checks.filter((c) => !c.reachable).map((c) => c.name);
        sendJson(res, unhealthy.length === 0 && services.length > 0 ? 200 : 503, {
          status: unhealthy.length === 0 ? 'ready' : 'degraded',
          supergraphLoaded: services.length > 0,
          subgraphs: checks,
          unhealthy,
        });
      },
    },
  });
  return { apollo, listener, reloadSupergraph: source.reload };
}
