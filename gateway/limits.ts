import {
  getNamedType,
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
  type ValueNode,
  parse,
} from 'graphql';
import { queryTooComplex } from '../schema/errors.js';
import type { QueryLimits } from './config.js';

/** What the limits measure in one operation. */
export interface OperationMeasure {
  /** Deepest field nesting; root fields are at depth 1. Introspection fields are not counted. */
  readonly depth: number;
  readonly aliases: number;
  readonly rootFields: number;
  /** Estimated fields resolved: each field costs 1 per parent item; lists multiply. */
  readonly cost: number;
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

function intArgument(
  field: FieldNode,
  names: readonly string[],
  variables: Readonly<Record<string, unknown>>,
): number | undefined {
  for (const arg of field.arguments ?? []) {
    if (!names.includes(arg.name.value)) {
      continue;
    }
    const value: ValueNode = arg.value;
    if (value.kind === Kind.INT) {
      return Number(value.value);
    }
    if (value.kind === Kind.VARIABLE) {
      const v = variables[value.name.value];
      return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
    }
  }
  return undefined;
}

/**
 * Measures an operation against the API schema. Fragment cycles are refused by GraphQL validation
 * before this runs; a spread already on the current path is skipped anyway, so this never loops.
 * Cost: `first`/`last` sets the size of the list below a field (the connection's `edges` then cost
 * nothing more); a list field without such an argument counts its `@listSize(assumedSize)`, else
 * `listSizes.default` items.
 */
export function measureOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>>,
  listSizes: ListSizes,
): OperationMeasure {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) {
    if (def.kind === Kind.FRAGMENT_DEFINITION) {
      fragments.set(def.name.value, def);
    }
  }
  let maxDepth = 0;
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

  const walk = (
    set: SelectionSetNode,
    parent: GraphQLCompositeType | undefined | null,
    depth: number,
    multiplier: number,
    listBounded: boolean,
    path: ReadonlySet<string>,
  ): number => {
    let cost = 0;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        const name = sel.name.value;
        if (name.startsWith('__')) {
          continue; // introspection and __typename: free, so analysts keep their tools
        }
        maxDepth = Math.max(maxDepth, depth);
        cost += multiplier;
        if (!sel.selectionSet) {
          continue;
        }
        const field: GraphQLField<unknown, unknown> | undefined =
          parent && 'getFields' in parent ? parent.getFields()[name] : undefined;
        const type = field ? getNullableType(field.type) : undefined;
        const named = field ? getNamedType(field.type) : undefined;
        const first = intArgument(sel, ['first', 'last', 'limit'], variables);
        let size = 1;
        let bounded = false;
        if (first !== undefined) {
          size = Math.max(first, 1);
          bounded = true;
        } else if (type && isListType(type)) {
          size = listBounded
            ? 1
            : (listSizes.assumed?.get(`${parent?.name}.${name}`) ?? listSizes.default);
        }
        cost += walk(
          sel.selectionSet,
          named && isCompositeType(named) ? named : undefined,
          depth + 1,
          multiplier * size,
          bounded,
          path,
        );
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        const typeName = sel.typeCondition?.name.value;
        const type = typeName ? schema.getType(typeName) : parent;
        cost += walk(
          sel.selectionSet,
          type && isCompositeType(type) ? type : parent,
          depth,
          multiplier,
          listBounded,
          path,
        );
      } else {
        const name = sel.name.value;
        const fragment = fragments.get(name);
        if (!fragment || path.has(name)) {
          continue;
        }
        const type = schema.getType(fragment.typeCondition.name.value);
        cost += walk(
          fragment.selectionSet,
          type && isCompositeType(type) ? type : parent,
          depth,
          multiplier,
          listBounded,
          new Set([...path, name]),
        );
      }
    }
    return cost;
  };
  const cost = walk(operation.selectionSet, rootType, 1, 1, false, new Set());
  const rootFields = operation.selectionSet.selections.filter(
    (s) => !(s.kind === Kind.FIELD && s.name.value.startsWith('__')),
  ).length;
  return { depth: maxDepth, aliases, rootFields, cost };
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
  if (measure.depth > limits.maxDepth) {
    throw queryTooComplex('depth', measure.depth, limits.maxDepth);
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
      ' (each field costs 1 per item; `first` sets list sizes)',
    );
  }
}
