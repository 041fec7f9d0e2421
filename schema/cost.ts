import { Directive } from 'type-graphql';

/**
 * `@listSize(assumedSize: n)` (Federation 2.9, the IBM cost specification): how many items a list
 * field usually returns, for the gateway's cost model (docs/operations.md). Declare it on every
 * unpaginated list that can grow; paginated fields are sized by their `first` argument instead.
 */
export const listSize = (assumedSize: number) =>
  Directive(`@listSize(assumedSize: ${assumedSize})`);
