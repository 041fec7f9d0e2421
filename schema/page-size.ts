// Page sizes of every paginated field, in a module without decorators: the gateway's cost model
// reads them too (one source of truth), and the gateway does not load type-graphql.

/** The page a paginated field serves when `first` is not given. */
export const DEFAULT_PAGE_SIZE = 50;
/** Large enough for "all 195 countries" in one page, small enough to bound a request's cost. */
export const MAX_PAGE_SIZE = 500;
