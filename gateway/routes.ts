import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { Logger } from '../loaders/logger.js';
import { sendGraphQLError, sendJson, type Route } from '../schema/server/http.js';
import { opsAllowed } from '../schema/server/ops-access.js';
import type { GatewayConfig } from './config.js';
import type { SubgraphGateway } from './data-sources.js';
import { assetsRoute } from './explorer.js';
import type { GatewayMetrics } from './metrics.js';
import { COMMISSION_REPORT_PATH, commissionReportRoute } from './report-route.js';
import { staticPage, WEB_BUILD_DIR } from './static-files.js';
import type { SupergraphFileSource } from './supergraph-source.js';
import { usageRoute } from './usage-route.js';
import type { UsageRecorder } from './usage.js';

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

interface RouteParts {
  readonly config: Required<GatewayConfig>;
  readonly metrics: GatewayMetrics;
  readonly logger: Logger;
  readonly source: SupergraphFileSource;
  readonly subgraphs: Pick<SubgraphGateway, 'urlOf' | 'dataSources'>;
  readonly explorer: Route;
  /** Whether the gateway is draining: `/ready` then answers 503. */
  readonly draining: () => boolean;
  readonly usage: UsageRecorder;
}

/** `/metrics`: Prometheus text, to requests bearing the metrics token when one is set. */
function metricsRoute({ config, metrics }: RouteParts): Route {
  return async (req, res) => {
    if (!opsAllowed(req, config.metrics.token)) {
      res.setHeader('www-authenticate', 'Bearer');
      sendGraphQLError(res, 401, 'UNAUTHENTICATED', 'The metrics token is missing or wrong.');
      return;
    }
    const body = await metrics.registry.metrics();
    res.writeHead(200, { 'content-type': metrics.registry.contentType });
    res.end(body);
  };
}

/**
 * Readiness for load balancers: 503 only while the gateway cannot serve at all (draining, or no
 * supergraph). An unreachable subgraph is `degraded` with 200: every gateway replica sees the
 * same outage, and taking them all out of service would turn one subgraph's outage, a partner's
 * included, into the whole graph's; the gateway still answers everything else, with a
 * SUBGRAPH_UNAVAILABLE error for the missing part.
 * The status code and `status` for anyone (a load balancer needs no more);
 * which subgraphs are unreachable and which circuits are open map the internal topology, so
 * that detail is shown only where `/metrics` would be (its port, its token).
 */
function readyRoute(parts: RouteParts) {
  const { source, subgraphs, config } = parts;
  return async (req: IncomingMessage, res: ServerResponse, opsHere: boolean) => {
    const services = source.services();
    const checks = await Promise.all(
      services.map(async (s) => ({
        name: s.name,
        reachable: await isReachable(subgraphs.urlOf(s.name, s.url), 2000),
        circuit: subgraphs.dataSources.get(s.name)?.breaker.state ?? 'closed',
      })),
    );
    const unhealthy = checks.filter((c) => !c.reachable).map((c) => c.name);
    const draining = parts.draining();
    const ok = !draining && services.length > 0;
    const status = draining ? 'draining' : unhealthy.length === 0 ? 'ready' : 'degraded';
    const detail = opsHere && opsAllowed(req, config.metrics.token);
    sendJson(
      res,
      ok ? 200 : 503,
      detail
        ? { status, supergraphLoaded: services.length > 0, subgraphs: checks, unhealthy }
        : { status },
    );
  };
}

/**
 * The gateway's routes besides `/graphql`: on the GraphQL port (`routes`, `prefixRoutes`), and
 * the operational endpoints on their own port (`opsListener`, for METRICS_PORT: a network the
 * public never reaches; the token, when set, is required there too).
 */
export function gatewayRoutes(parts: RouteParts) {
  const metrics = metricsRoute(parts);
  const ready = readyRoute(parts);
  const opsOnMainPort = parts.config.metrics.onMainPort;
  const routes: Readonly<Record<string, Route>> = {
    '/': parts.explorer,
    '/health': (_req, res) => sendJson(res, 200, { status: 'ok' }),
    // The report to the Commission, asked of this gateway's own /graphql with the viewer's rights.
    [COMMISSION_REPORT_PATH]: commissionReportRoute({
      graphqlPath: '/graphql',
      logger: parts.logger,
    }),
    '/ready': (req, res) => ready(req, res, opsOnMainPort),
    '/usage': usageRoute(parts.usage.store, parts.config.metrics.token, opsOnMainPort),
    '/metrics': (req, res) => {
      if (!opsOnMainPort) {
        sendGraphQLError(
          res,
          404,
          'NOT_FOUND',
          'No route /metrics; GraphQL is served at /graphql.',
        );
        return;
      }
      return metrics(req, res);
    },
  };
  const prefixRoutes: Readonly<Record<string, Route>> = {
    '/dashboard': staticPage({
      root: join(WEB_BUILD_DIR, 'dashboard'),
      mount: '/dashboard',
      fallbackToIndex: true,
    }),
    '/assets': assetsRoute(),
  };
  const opsListener = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    try {
      if (path === '/metrics') {
        await metrics(req, res);
      } else if (path === '/ready') {
        await ready(req, res, true);
      } else if (path === '/usage') {
        await usageRoute(parts.usage.store, parts.config.metrics.token, true)(req, res);
      } else {
        sendGraphQLError(res, 404, 'NOT_FOUND', `No route ${path}; this port serves /metrics.`);
      }
    } catch (error) {
      parts.logger.error({ err: error }, 'metrics endpoint failed');
      if (!res.headersSent) {
        sendGraphQLError(res, 500, 'INTERNAL_SERVER_ERROR', 'Unexpected error.');
      }
    }
  };
  return { routes, prefixRoutes, opsListener };
}
