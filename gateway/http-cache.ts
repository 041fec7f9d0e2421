import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from './context.js';

/** What changes a GraphQL answer: the viewer (bearer token) and the representation asked for. */
const GRAPHQL_VARY = 'accept, authorization';

/** The role of a request without credentials: the only one whose answers shared caches keep. */
const PUBLIC_ROLE = 'public';

interface HttpCachePolicy {
  readonly method: string | undefined;
  readonly operation: string | undefined;
  readonly role: string;
  readonly hasErrors: boolean;
  /** The operation's cache policy from the subgraphs' hints; undefined when not cacheable. */
  readonly hint: { readonly maxAge: number; readonly scope: string } | undefined;
}

/** The `Vary` of a GraphQL answer; `origin` too when the answer depends on it. */
export function graphqlVary(varyOrigin: boolean | undefined): string {
  return varyOrigin ? `${GRAPHQL_VARY}, origin` : GRAPHQL_VARY;
}

/**
 * The `Cache-Control` of a GraphQL answer. Only a GET of a query can be cached by HTTP: a POST is
 * never reused by browsers or CDNs, and a mutation must reach the server every time. An
 * anonymous answer that every hint allows sharing is `public, max-age=N` (N: the smallest hint of
 * every subgraph that answered); a signed-in viewer's, or one with a PRIVATE hint, is `private`;
 * everything else, errors included, is `no-store`.
 */
export function cacheControlOf(policy: HttpCachePolicy): string {
  if (
    policy.method !== 'GET' ||
    policy.operation !== 'query' ||
    policy.hasErrors ||
    !policy.hint ||
    policy.hint.maxAge <= 0
  ) {
    return 'no-store';
  }
  const shared = policy.role === PUBLIC_ROLE && policy.hint.scope === 'PUBLIC';
  return `${shared ? 'public' : 'private'}, max-age=${policy.hint.maxAge}`;
}

/**
 * Sets `Cache-Control` and `Vary` on every GraphQL answer from the operation's cache policy,
 * which @apollo/gateway restricts by each subgraph's `Cache-Control` (the subgraphs compute
 * theirs from `@cacheControl` hints, `schema/cache-control.ts`), and which the response cache
 * restores on a hit. Install with `ApolloServerPluginCacheControl({ calculateHttpHeaders: false })`
 * so Apollo's own header does not overwrite this one. The strong `ETag` and `304` are added by the
 * HTTP layer (`schema/http.ts`), which sees the serialized body.
 */
export function httpCachePlugin(
  options: {
    /**
     * Whether the answer also depends on the `Origin` header: CORS limited to listed origins (the
     * `access-control-allow-origin` differs), or trusted documents enforced by origin.
     */
    readonly varyOrigin?: boolean;
  } = {},
): ApolloServerPlugin<GatewayContext> {
  const vary = graphqlVary(options.varyOrigin);
  return {
    async requestDidStart() {
      return {
        async willSendResponse(rc) {
          const body = rc.response.body;
          const hint = rc.overallCachePolicy.policyIfCacheable() ?? undefined;
          const headers = rc.response.http.headers;
          headers.set(
            'cache-control',
            cacheControlOf({
              method: rc.request.http?.method,
              operation: rc.operation?.operation,
              role: rc.contextValue.viewer.role,
              hasErrors: body.kind !== 'single' || (body.singleResult.errors?.length ?? 0) > 0,
              hint,
            }),
          );
          headers.set('vary', vary);
        },
      };
    },
  };
}
