import {
  getArgumentValues,
  getDirectiveValues,
  getNamedType,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  isAbstractType,
  type FragmentSpreadNode,
  type InlineFragmentNode,
  getNullableType,
  isListType,
  Kind,
  Lexer,
  Source,
  TokenKind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  isCompositeType,
  type GraphQLField,
  parse,
} from 'graphql';
import { queryTooComplex } from '../schema/errors.js';
import { DEFAULT_PAGE_SIZE } from '../schema/page-size.js';
import type { QueryLimits } from './config.js';

/** What the limits measure in one operation. */
export interface OperationMeasure {
  /** Deepest field nesting; root fields are at depth 1. Introspection fields are not counted. */
  readonly depth: number;
  readonly aliases: number;
  readonly rootFields: number;
  /** Estimated fields resolved: each field costs 1 per parent item; lists multiply. */
  readonly cost: number;
  /** Counting stopped once this figure passed its limit: it is a lower bound. */
  readonly stopped?: 'cost' | 'depth';
}

/** List sizes the cost model assumes: per `Type.field` from `@listSize`, else `default`. */
export interface ListSizes {
  readonly default: number;
  readonly assumed?: ReadonlyMap<string, number>;
}

/**
 * `Type.field` → `assumedSize`, from the `@listSize` directives the subgraphs declare (Federation
 * 2.9 composes them into the supergraph, under `@listSize` or, unimported, `@cost__listSize`).
 * The subgraph that owns a list knows its usual length better than one default for every list.
 */
export function listSizesOf(supergraphSdl: string): ReadonlyMap<string, number> {
  const sizes = new Map<string, number>();
  for (const definition of parse(supergraphSdl).definitions) {
    if (
      definition.kind !== Kind.OBJECT_TYPE_DEFINITION &&
      definition.kind !== Kind.OBJECT_TYPE_EXTENSION &&
      definition.kind !== Kind.INTERFACE_TYPE_DEFINITION
    ) {
      continue;
    }
    for (const field of definition.fields ?? []) {
      const directive = field.directives?.find(
        (d) => d.name.value === 'listSize' || d.name.value === 'cost__listSize',
      );
      const value = directive?.arguments?.find((a) => a.name.value === 'assumedSize')?.value;
      if (value?.kind === Kind.INT) {
        sizes.set(`${definition.name.value}.${field.name.value}`, Number(value.value));
      }
    }
  }
  return sizes;
}

/** Lexical tokens of a document, counting no further than `stopAfter`. */
export function countTokens(query: string, stopAfter = Number.POSITIVE_INFINITY): number {
  const lexer = new Lexer(new Source(query));
  let count = 0;
  try {
    while (lexer.advance().kind !== TokenKind.EOF) {
      count += 1;
      if (count > stopAfter) {
        break;
      }
    }
  } catch {
    // A lexical error: the parser reports it with GRAPHQL_PARSE_FAILED.
  }
  return count;
}

/** Why a measure stopped early: the running figure passed its limit. */
class Exceeded {
  constructor(
    readonly limit: 'cost' | 'depth',
    /** The running figure when counting stopped: at least this much. */
    readonly atLeast: number,
  ) {}
}

/** Where to stop counting: one past these is already a refusal. */
export interface MeasureStops {
  readonly maxCost: number;
  readonly maxDepth: number;
  /** Selections visited while collecting fields, at most (a guard on the analysis itself). */
  readonly maxVisits?: number;
}

/** Selections one measure may visit: far above any document the token limits let through. */
const DEFAULT_MAX_VISITS = 200_000;

interface Collected {
  readonly nodes: FieldNode[];
  /** The type the field was selected on: the parent, or a fragment's type condition. */
  readonly on: GraphQLCompositeType | undefined;
}

interface Unit {
  /** Cost of the selection for one parent item. */
  readonly cost: number;
  /** Levels of fields below and including this selection (1: leaf fields only). */
  readonly levels: number;
}

/**
 * Measures an operation the way execution will run it. Fields are collected per selection set as
 * graphql-js `collectFields` does: `@skip`/`@include` are applied with the coerced variables, a
 * fragment is spread at most once per selection set (so `{ ...F ...F }` costs F once), fields
 * with the same response key are merged and their sub-selections measured together. The cost of
 * each (selection sets, parent type) pair is computed once and reused, so a document whose
 * fragments spread each other twice over costs time linear in its size, not 2^n; and counting
 * stops as soon as the running cost or depth passes `stops` (`stopped` then says so, and `cost`
 * or `depth` is the figure reached, a lower bound).
 *
 * Cost: each field costs 1 per parent item. `first`/`last`/`limit` (with variables and their
 * defaults, as `variables` must be coerced by `getVariableValues`) sets the size of the list
 * below a field, and the connection's `edges` then cost nothing more; a field that takes `first`
 * but is not given one is counted at the page size the subgraphs really use (DEFAULT_PAGE_SIZE);
 * other lists count their `@listSize(assumedSize)`, else `listSizes.default` items. Introspection
 * fields and `__typename` are free and not walked.
 */
export function measureOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>>,
  listSizes: ListSizes,
  stops?: MeasureStops,
): OperationMeasure {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) {
    if (def.kind === Kind.FRAGMENT_DEFINITION) {
      fragments.set(def.name.value, def);
    }
  }
  const maxCost = stops?.maxCost ?? Number.POSITIVE_INFINITY;
  const maxDepth = stops?.maxDepth ?? Number.POSITIVE_INFINITY;
  const maxVisits = stops?.maxVisits ?? DEFAULT_MAX_VISITS;
  let visits = 0;
  let aliases = 0;
  const rootType =
    operation.operation === 'query'
      ? schema.getQueryType()
      : operation.operation === 'mutation'
        ? schema.getMutationType()
        : schema.getSubscriptionType();

  // Aliases are counted once per written field, not per path.
  const countAliases = (set: SelectionSetNode, seen: Set<string>) => {
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        if (sel.alias) {
          aliases += 1;
        }
        if (sel.selectionSet) {
          countAliases(sel.selectionSet, seen);
        }
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        countAliases(sel.selectionSet, seen);
      } else {
        const name = sel.name.value;
        const fragment = fragments.get(name);
        if (fragment && !seen.has(name)) {
          seen.add(name);
          countAliases(fragment.selectionSet, seen);
        }
      }
    }
  };
  countAliases(operation.selectionSet, new Set());

  const included = (node: FieldNode | FragmentSpreadNode | InlineFragmentNode): boolean => {
    if (!node.directives?.length) {
      return true;
    }
    try {
      if (getDirectiveValues(GraphQLSkipDirective, node, variables)?.['if'] === true) {
        return false;
      }
      return getDirectiveValues(GraphQLIncludeDirective, node, variables)?.['if'] !== false;
    } catch {
      return true; // A bad directive argument: execution refuses it; count the selection.
    }
  };
  const applies = (condition: string | undefined, parent: GraphQLCompositeType | undefined) => {
    if (!condition || !parent) {
      return parent;
    }
    const type = schema.getType(condition);
    if (!type || !isCompositeType(type)) {
      return undefined;
    }
    if (type === parent) {
      return type;
    }
    // Static analysis does not know the runtime type: a condition that may overlap applies.
    const overlaps =
      (isAbstractType(type) && !isAbstractType(parent) && schema.isSubType(type, parent)) ||
      (isAbstractType(parent) && !isAbstractType(type) && schema.isSubType(parent, type)) ||
      (isAbstractType(type) && isAbstractType(parent));
    return overlaps ? type : undefined;
  };

  const collect = (
    set: SelectionSetNode,
    on: GraphQLCompositeType | undefined,
    fields: Map<string, Collected>,
    visited: Set<string>,
  ) => {
    for (const sel of set.selections) {
      visits += 1;
      if (visits > maxVisits) {
        throw new Exceeded('cost', maxCost + 1);
      }
      if (!included(sel)) {
        continue;
      }
      if (sel.kind === Kind.FIELD) {
        const key = sel.alias?.value ?? sel.name.value;
        const entry = fields.get(key);
        if (entry) {
          entry.nodes.push(sel);
        } else {
          fields.set(key, { nodes: [sel], on });
        }
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        const type = applies(sel.typeCondition?.name.value, on);
        if (type || !on) {
          collect(sel.selectionSet, type ?? on, fields, visited);
        }
      } else {
        const name = sel.name.value;
        if (visited.has(name)) {
          continue;
        }
        visited.add(name);
        const fragment = fragments.get(name);
        const type = fragment ? applies(fragment.typeCondition.name.value, on) : undefined;
        if (fragment && (type || !on)) {
          collect(fragment.selectionSet, type ?? on, fields, visited);
        }
      }
    }
  };

  const setIds = new Map<SelectionSetNode, number>();
  const idOf = (set: SelectionSetNode) => {
    let id = setIds.get(set);
    if (id === undefined) {
      id = setIds.size + 1;
      setIds.set(set, id);
    }
    return id;
  };
  const memo = new Map<string, Unit>();

  const sizeOf = (
    node: FieldNode,
    field: GraphQLField<unknown, unknown> | undefined,
    parent: GraphQLCompositeType | undefined,
    listBounded: boolean,
  ): { size: number; bounded: boolean } => {
    let args: Record<string, unknown> = {};
    if (field) {
      try {
        args = getArgumentValues(field, node, variables);
      } catch {
        // An invalid argument: execution refuses it; count the field as if it were absent.
      }
    }
    const given = [args['first'], args['last'], args['limit']].find(
      (v): v is number => typeof v === 'number' && Number.isFinite(v),
    );
    if (given !== undefined) {
      return { size: Math.max(given, 1), bounded: true };
    }
    if (field?.args.some((a) => a.name === 'first')) {
      // Not given: the subgraph serves a page of DEFAULT_PAGE_SIZE (schema/pagination.ts).
      return { size: DEFAULT_PAGE_SIZE, bounded: true };
    }
    if (field && isListType(getNullableType(field.type))) {
      return {
        size: listBounded
          ? 1
          : (listSizes.assumed?.get(`${parent?.name}.${node.name.value}`) ?? listSizes.default),
        bounded: false,
      };
    }
    return { size: 1, bounded: false };
  };

  /** The unit cost of `sets` merged, at `depth`; throws Exceeded past `budget` or `maxDepth`. */
  const unit = (
    sets: readonly SelectionSetNode[],
    parent: GraphQLCompositeType | undefined,
    listBounded: boolean,
    depth: number,
    budget: number,
  ): Unit => {
    const key = `${sets.map(idOf).join(',')}|${parent?.name ?? ''}|${listBounded ? 1 : 0}`;
    const known = memo.get(key);
    if (known) {
      if (depth + known.levels - 1 > maxDepth) {
        throw new Exceeded('depth', depth + known.levels - 1);
      }
      if (known.cost > budget) {
        throw new Exceeded('cost', known.cost);
      }
      return known;
    }
    const fields = new Map<string, Collected>();
    const visited = new Set<string>();
    for (const set of sets) {
      collect(set, parent, fields, visited);
    }
    let cost = 0;
    let levels = 0;
    for (const { nodes, on } of fields.values()) {
      const node = nodes[0] as FieldNode;
      const name = node.name.value;
      if (name.startsWith('__')) {
        continue; // introspection and __typename: free, so analysts keep their tools
      }
      if (depth > maxDepth) {
        throw new Exceeded('depth', depth);
      }
      levels = Math.max(levels, 1);
      cost += 1;
      if (cost > budget) {
        throw new Exceeded('cost', cost);
      }
      const below = nodes.flatMap((n) => (n.selectionSet ? [n.selectionSet] : []));
      if (below.length === 0) {
        continue;
      }
      const field = on && 'getFields' in on ? on.getFields()[name] : undefined;
      const named = field ? getNamedType(field.type) : undefined;
      const { size, bounded } = sizeOf(node, field, on, listBounded);
      let child: Unit;
      try {
        child = unit(
          below,
          named && isCompositeType(named) ? named : undefined,
          bounded,
          depth + 1,
          Math.floor((budget - cost) / size),
        );
      } catch (error) {
        if (error instanceof Exceeded && error.limit === 'cost') {
          throw new Exceeded('cost', cost + size * error.atLeast);
        }
        throw error;
      }
      cost += size * child.cost;
      levels = Math.max(levels, 1 + child.levels);
      if (cost > budget) {
        throw new Exceeded('cost', cost);
      }
    }
    const result = { cost, levels };
    memo.set(key, result);
    return result;
  };

  const rootFields = operation.selectionSet.selections.filter(
    (s) => !(s.kind === Kind.FIELD && s.name.value.startsWith('__')),
  ).length;
  try {
    const { cost, levels } = unit(
      [operation.selectionSet],
      rootType ?? undefined,
      false,
      1,
      maxCost,
    );
    return { depth: levels, aliases, rootFields, cost };
  } catch (error) {
    if (!(error instanceof Exceeded)) {
      throw error;
    }
    return error.limit === 'cost'
      ? { depth: 0, aliases, rootFields, cost: error.atLeast, stopped: 'cost' }
      : { depth: error.atLeast, aliases, rootFields, cost: 0, stopped: 'depth' };
  }
}

/** Size and tokens: checked on the raw text, so a hostile document is refused cheaply. */
export function checkSource(query: string, limits: QueryLimits): void {
  const bytes = Buffer.byteLength(query, 'utf8');
  if (bytes > limits.maxDocumentBytes) {
    throw queryTooComplex('documentBytes', bytes, limits.maxDocumentBytes);
  }
  const tokens = countTokens(query, limits.maxTokens);
  if (tokens > limits.maxTokens) {
    // Counting stops one past the limit: "at least".
    throw queryTooComplex('tokens', tokens, limits.maxTokens, ' (counting stopped there)');
  }
}

/** Depth, aliases, root fields and cost; throws QUERY_TOO_COMPLEX naming the first one exceeded. */
export function checkMeasure(measure: OperationMeasure, limits: QueryLimits): void {
  const stopped = ' (at least; counting stopped there)';
  if (measure.depth > limits.maxDepth) {
    throw queryTooComplex(
      'depth',
      measure.depth,
      limits.maxDepth,
      measure.stopped === 'depth' ? stopped : '',
    );
  }
  if (measure.aliases > limits.maxAliases) {
    throw queryTooComplex('aliases', measure.aliases, limits.maxAliases);
  }
  if (measure.rootFields > limits.maxRootFields) {
    throw queryTooComplex('rootFields', measure.rootFields, limits.maxRootFields);
  }
  if (measure.cost > limits.maxCost) {
    throw queryTooComplex(
      'cost',
      measure.cost,
      limits.maxCost,
      `${measure.stopped === 'cost' ? stopped : ''} (each field costs 1 per item; \`first\` sets list sizes)`,
    );
  }
}
