import { ArgsType, Directive, Field, Int, ObjectType } from 'type-graphql';
import { cacheHint } from './cache-control.js';
import { badUserInput } from './errors.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './page-size.js';
import type { ClassType } from './subgraph.js';

export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE };

/** Validates `first`; BAD_USER_INPUT names the argument and the limit. */
export function pageSize(first: number | null | undefined, field = 'first'): number {
  if (first === null || first === undefined) {
    return DEFAULT_PAGE_SIZE;
  }
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw badUserInput([
      { field, message: `must be between 0 and ${MAX_PAGE_SIZE}; got ${first}` },
    ]);
  }
  return first;
}

export type CursorValue = string | number;

/** An opaque cursor: the sort key of the last row, so the next page is a keyset query. */
export function encodeCursor(values: readonly CursorValue[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/** Decodes a cursor made by `encodeCursor` with `arity` values; BAD_USER_INPUT names `field`. */
export function decodeCursor(cursor: string, arity: number, field = 'after'): CursorValue[] {
  const invalid = () =>
    badUserInput([
      { field, message: 'is not a cursor from this list; pass an `endCursor` you were given' },
    ]);
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (
    !Array.isArray(values) ||
    values.length !== arity ||
    !values.every(
      (v) =>
        // A cursor only carries sort keys we wrote: no NUL (PostgreSQL refuses it), no number
        // beyond what a float4 rank or an integer key can hold.
        (typeof v === 'string' && !v.includes('\0') && v.length <= 1_000) ||
        (typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= 1e15),
    )
  ) {
    throw invalid();
  }
  return values as CursorValue[];
}

// Every subgraph with a connection defines PageInfo; it is a value type, so it must be shareable.
/** `first` and `after` of every paginated field: `@Args(() => PageArgs) page: PageArgs`. */
@ArgsType()
export class PageArgs {
  @Field(() => Int, {
    nullable: true,
    description: `Page size (default ${DEFAULT_PAGE_SIZE}, at most ${MAX_PAGE_SIZE}).`,
  })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'The `endCursor` of the previous page.' })
  after?: string | null;
}

type CursorShape = readonly ('string' | 'number')[];
type CursorOf<S extends CursorShape> = {
  -readonly [K in keyof S]: S[K] extends 'number' ? number : string;
};

/**
 * The page a client asked for: `first` as a validated page size, and `after` decoded into the
 * sort key of the list (`shape` gives the type of each value). BAD_USER_INPUT names the argument.
 */
export function readPage<S extends CursorShape>(
  args: PageArgs,
  shape: S,
): { limit: number; after: CursorOf<S> | undefined } {
  const limit = pageSize(args.first);
  if (!args.after) {
    return { limit, after: undefined };
  }
  const values = decodeCursor(args.after, shape.length);
  if (!values.every((v, i) => typeof v === shape[i])) {
    throw badUserInput([
      {
        field: 'after',
        message: 'is not a cursor from this list; pass an `endCursor` you were given',
      },
    ]);
  }
  return { limit, after: values as CursorOf<S> };
}

@ObjectType({ description: 'Where a page sits in a list (Relay cursor connections).' })
@Directive('@shareable')
@Directive(cacheHint.inherit)
export class PageInfo {
  @Field(() => Boolean, { description: 'Whether another page follows this one.' })
  hasNextPage!: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'Pass as `after` to get the next page; null on an empty page.',
  })
  endCursor!: string | null;
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** Builds the page from `limit + 1` rows read in sort order. */
export function toConnection<T>(
  rows: readonly T[],
  limit: number,
  totalCount: number,
  cursorOf: (row: T) => readonly CursorValue[],
): Connection<T> {
  const page = rows.slice(0, limit);
  const edges = page.map((node) => ({ cursor: encodeCursor(cursorOf(node)), node }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > limit, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount,
  };
}

/** `XConnection` and `XEdge` types for a node type. */
export function connectionTypes<T>(node: ClassType, name: string) {
  @ObjectType(`${name}Edge`, { description: `One ${name} in a page, with its cursor.` })
  @Directive(cacheHint.inherit)
  class Edge {
    @Field(() => String, { description: 'Opaque; pass as `after` to continue after this item.' })
    cursor!: string;

    @Field(() => node, { description: `The ${name}.` })
    node!: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${name} items.` })
  @Directive(cacheHint.inherit)
  class ConnectionType {
    @Field(() => [Edge], { description: 'The items of this page, in order.' })
    edges!: Edge[];

    @Field(() => PageInfo, { description: 'Whether more pages follow, and where.' })
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'How many items match the filter, across all pages.' })
    totalCount!: number;
  }

  return { Edge, Connection: ConnectionType };
}
