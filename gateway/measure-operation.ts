import {
  getArgumentValues,
  getDirectiveValues,
  getNamedType,
  getNullableType,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  isAbstractType,
  isCompositeType,
  isListType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type FragmentSpreadNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type InlineFragmentNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { DEFAULT_PAGE_SIZE } from '../schema/page-size.js';

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
interface ListSizes {
  readonly default: number;
  readonly assumed?: ReadonlyMap<string, number> | undefined;
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
interface MeasureStops {
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

/** The state of one measure: the document's fragments, the limits, and what was counted. */
class Measurer {
  private readonly fragments = new Map<string, FragmentDefinitionNode>();
  private readonly maxCost: number;
  private readonly maxDepth: number;
  private readonly maxVisits: number;
  private visits = 0;
  aliases = 0;
  private readonly setIds = new Map<SelectionSetNode, number>();
  private readonly memo = new Map<string, Unit>();

  constructor(
    private readonly schema: GraphQLSchema,
    document: DocumentNode,
    private readonly variables: Readonly<Record<string, unknown>>,
    private readonly listSizes: ListSizes,
    stops: MeasureStops | undefined,
  ) {
    for (const def of document.definitions) {
      if (def.kind === Kind.FRAGMENT_DEFINITION) {
        this.fragments.set(def.name.value, def);
      }
    }
    this.maxCost = stops?.maxCost ?? Number.POSITIVE_INFINITY;
    this.maxDepth = stops?.maxDepth ?? Number.POSITIVE_INFINITY;
    this.maxVisits = stops?.maxVisits ?? DEFAULT_MAX_VISITS;
  }

  /** Aliases are counted once per written field, not per path. */
  countAliases(set: SelectionSetNode, seen: Set<string>): void {
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        if (sel.alias) {
          this.aliases += 1;
        }
        if (sel.selectionSet) {
          this.countAliases(sel.selectionSet, seen);
        }
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        this.countAliases(sel.selectionSet, seen);
      } else {
        const name = sel.name.value;
        const fragment = this.fragments.get(name);
        if (fragment && !seen.has(name)) {
          seen.add(name);
          this.countAliases(fragment.selectionSet, seen);
        }
      }
    }
  }

  private included(node: FieldNode | FragmentSpreadNode | InlineFragmentNode): boolean {
    if (!node.directives?.length) {
      return true;
    }
    try {
      if (getDirectiveValues(GraphQLSkipDirective, node, this.variables)?.['if'] === true) {
        return false;
      }
      return getDirectiveValues(GraphQLIncludeDirective, node, this.variables)?.['if'] !== false;
    } catch {
      return true; // A bad directive argument: execution refuses it; count the selection.
    }
  }

  private applies(condition: string | undefined, parent: GraphQLCompositeType | undefined) {
    if (!condition || !parent) {
      return parent;
    }
    const schema = this.schema;
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
  }

  private collect(
    set: SelectionSetNode,
    on: GraphQLCompositeType | undefined,
    fields: Map<string, Collected>,
    visited: Set<string>,
  ): void {
    for (const sel of set.selections) {
      this.visits += 1;
      if (this.visits > this.maxVisits) {
        throw new Exceeded('cost', this.maxCost + 1);
      }
      if (!this.included(sel)) {
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
        const type = this.applies(sel.typeCondition?.name.value, on);
        if (type || !on) {
          this.collect(sel.selectionSet, type ?? on, fields, visited);
        }
      } else {
        const name = sel.name.value;
        if (visited.has(name)) {
          continue;
        }
        visited.add(name);
        const fragment = this.fragments.get(name);
        const type = fragment ? this.applies(fragment.typeCondition.name.value, on) : undefined;
        if (fragment && (type || !on)) {
          this.collect(fragment.selectionSet, type ?? on, fields, visited);
        }
      }
    }
  }

  private idOf(set: SelectionSetNode): number {
    let id = this.setIds.get(set);
    if (id === undefined) {
      id = this.setIds.size + 1;
      this.setIds.set(set, id);
    }
    return id;
  }

  private sizeOf(
    node: FieldNode,
    field: GraphQLField<unknown, unknown> | undefined,
    parent: GraphQLCompositeType | undefined,
    listBounded: boolean,
  ): { size: number; bounded: boolean } {
    let args: Record<string, unknown> = {};
    if (field) {
      try {
        args = getArgumentValues(field, node, this.variables);
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
      const assumed = this.listSizes.assumed?.get(`${parent?.name}.${node.name.value}`);
      return { size: listBounded ? 1 : (assumed ?? this.listSizes.default), bounded: false };
    }
    return { size: 1, bounded: false };
  }

  /** A unit already measured, checked against the depth and the budget left. */
  private known(key: string, depth: number, budget: number): Unit | undefined {
    const known = this.memo.get(key);
    if (known) {
      if (depth + known.levels - 1 > this.maxDepth) {
        throw new Exceeded('depth', depth + known.levels - 1);
      }
      if (known.cost > budget) {
        throw new Exceeded('cost', known.cost);
      }
    }
    return known;
  }

  /** The unit cost of a field's sub-selections (merged), its list size, and whether bounded. */
  private below(
    nodes: readonly FieldNode[],
    on: GraphQLCompositeType | undefined,
    listBounded: boolean,
  ) {
    const node = nodes[0] as FieldNode;
    const field = on && 'getFields' in on ? on.getFields()[node.name.value] : undefined;
    const named = field ? getNamedType(field.type) : undefined;
    return {
      selections: nodes.flatMap((n) => (n.selectionSet ? [n.selectionSet] : [])),
      type: named && isCompositeType(named) ? named : undefined,
      ...this.sizeOf(node, field, on, listBounded),
    };
  }

  /** The unit cost of `sets` merged, at `depth`; throws Exceeded past `budget` or `maxDepth`. */
  unit(
    sets: readonly SelectionSetNode[],
    parent: GraphQLCompositeType | undefined,
    listBounded: boolean,
    depth: number,
    budget: number,
  ): Unit {
    const key = `${sets.map((s) => this.idOf(s)).join(',')}|${parent?.name ?? ''}|${listBounded ? 1 : 0}`;
    const known = this.known(key, depth, budget);
    if (known) {
      return known;
    }
    const fields = new Map<string, Collected>();
    const visited = new Set<string>();
    for (const set of sets) {
      this.collect(set, parent, fields, visited);
    }
    let cost = 0;
    let levels = 0;
    for (const { nodes, on } of fields.values()) {
      if ((nodes[0] as FieldNode).name.value.startsWith('__')) {
        continue; // introspection and __typename: free, so analysts keep their tools
      }
      if (depth > this.maxDepth) {
        throw new Exceeded('depth', depth);
      }
      levels = Math.max(levels, 1);
      cost += 1;
      if (cost > budget) {
        throw new Exceeded('cost', cost);
      }
      if (!nodes.some((n) => n.selectionSet)) {
        continue;
      }
      const { selections, type, size, bounded } = this.below(nodes, on, listBounded);
      let child: Unit;
      try {
        child = this.unit(selections, type, bounded, depth + 1, Math.floor((budget - cost) / size));
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
    this.memo.set(key, result);
    return result;
  }
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
  const measurer = new Measurer(schema, document, variables, listSizes, stops);
  const rootType =
    operation.operation === 'query'
      ? schema.getQueryType()
      : operation.operation === 'mutation'
        ? schema.getMutationType()
        : schema.getSubscriptionType();
  measurer.countAliases(operation.selectionSet, new Set());
  const aliases = measurer.aliases;
  const rootFields = operation.selectionSet.selections.filter(
    (s) => !(s.kind === Kind.FIELD && s.name.value.startsWith('__')),
  ).length;
  try {
    const { cost, levels } = measurer.unit(
      [operation.selectionSet],
      rootType ?? undefined,
      false,
      1,
      stops?.maxCost ?? Number.POSITIVE_INFINITY,
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
