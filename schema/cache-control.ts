/**
 * Cache hints, one vocabulary for every subgraph: Apollo Server's `@cacheControl` directive on
 * types and fields. Each subgraph's Apollo Server turns the hints of what it resolved into its
 * response's `Cache-Control` header; the gateway (@apollo/gateway's RemoteGraphQLDataSource)
 * restricts the operation's policy by every subgraph header it receives, so the smallest
 * `maxAge` and the narrowest scope win. `@cacheControl` is not a federation directive and never
 * reaches the supergraph: composition drops it, and `CacheControlScope` is `@inaccessible`.
 *
 * A type or root field without a hint has max-age 0, so an answer that touches anything
 * unhinted is not cacheable: hints are opted into, never assumed.
 */

/** The enum of `@cacheControl(scope:)`: every subgraph defines the same one. */
export const CACHE_CONTROL_SCOPE = 'CacheControlScope';

/** The directive and its enum, as Apollo Server reads them (put in every subgraph's SDL). */
export const CACHE_CONTROL_SDL = `
"""Who may cache an answer: anyone (PUBLIC) or only the viewer's own client (PRIVATE)."""
enum CacheControlScope @inaccessible {
  """Shared caches (CDNs) may keep the answer."""
  PUBLIC
  """Only the viewer's own client may keep the answer."""
  PRIVATE
}

"""How long an answer holding this type or field may be cached (Apollo Server's cache hints)."""
directive @cacheControl(
  maxAge: Int
  scope: CacheControlScope
  inheritMaxAge: Boolean
) on FIELD_DEFINITION | OBJECT | INTERFACE | UNION
`;

/** Lifetimes, in seconds, for the kinds of data the graph serves. */
export const CACHE_MAX_AGE = {
  /** Reference lists that change by seed or import only: States, M49 areas, code lists. */
  reference: 3600,
  /** Records editors curate (laws, treaty participation, statuses): a write purges the gateway's cache at once; browsers and CDNs keep them this long at most. */
  curated: 300,
} as const;

/**
 * The `@cacheControl` directive text for type-graphql's `@Directive(...)`:
 * `@Directive(cacheHint.reference)` on a reference type, `cacheHint.inherit` on wrappers
 * (connections, edges, groups, bases) that live as long as the field holding them.
 */
export const cacheHint = {
  reference: `@cacheControl(maxAge: ${CACHE_MAX_AGE.reference})`,
  curated: `@cacheControl(maxAge: ${CACHE_MAX_AGE.curated})`,
  inherit: '@cacheControl(inheritMaxAge: true)',
  /** An answer that depends on who asks (a viewer's own records): never shared. */
  private: '@cacheControl(maxAge: 0, scope: PRIVATE)',
} as const;
