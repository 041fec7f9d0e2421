import {
  Kind,
  parse,
  type DirectiveNode,
  type EnumValueDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { projectPath } from '../loaders/project-path.js';
import { readRegistry } from '../schema/composition/registry.js';

/**
 * Defence in depth behind the partner policy: whatever the query plan says, a PARTNER-tier
 * subgraph receives in `_entities` representations only `__typename` and the fields of the keys it
 * declared for that type, never a field it `@requires` from the core (such as the RESTRICTED
 * `NeedsAssessment.recommendations`). The policy refuses such a schema; this holds even if a
 * schema that breaks it was composed by hand or a future directive opens another path.
 */

/** Per type name, the key field sets (`@key(fields: ...)`) one subgraph declared. */
export type KeyFieldSets = ReadonlyMap<string, readonly SelectionSetNode[]>;

function stringArgument(directive: DirectiveNode, name: string): string | undefined {
  const value = directive.arguments?.find((a) => a.name.value === name)?.value;
  return value?.kind === Kind.STRING ? value.value : undefined;
}

function enumArgument(directive: DirectiveNode, name: string): string | undefined {
  const value = directive.arguments?.find((a) => a.name.value === name)?.value;
  return value?.kind === Kind.ENUM ? value.value : undefined;
}

function fieldSet(fields: string): SelectionSetNode | undefined {
  try {
    const operation = parse(`{ ${fields} }`).definitions[0];
    return operation?.kind === Kind.OPERATION_DEFINITION ? operation.selectionSet : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The key field sets of every subgraph in a supergraph, by subgraph name (as the registry spells
 * it), read from `@join__graph` and `@join__type(graph:, key:)`.
 */
export function keyFieldSetsBySubgraph(supergraphSdl: string): Map<string, KeyFieldSets> {
  const document = parse(supergraphSdl);
  const graphNames = new Map<string, string>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.ENUM_TYPE_DEFINITION && definition.name.value === 'join__Graph') {
      for (const value of definition.values ?? ([] as EnumValueDefinitionNode[])) {
        const graph = value.directives?.find((d) => d.name.value === 'join__graph');
        const name = graph && stringArgument(graph, 'name');
        if (name) {
          graphNames.set(value.name.value, name);
        }
      }
    }
  }
  const result = new Map<string, Map<string, SelectionSetNode[]>>();
  for (const definition of document.definitions) {
    if (!('directives' in definition) || !('name' in definition) || !definition.name) {
      continue;
    }
    for (const join of definition.directives ?? []) {
      if (join.name.value !== 'join__type') {
        continue;
      }
      const subgraph = graphNames.get(enumArgument(join, 'graph') ?? '');
      const key = stringArgument(join, 'key');
      const selection = key === undefined ? undefined : fieldSet(key);
      if (!subgraph || !selection) {
        continue;
      }
      const types = result.get(subgraph) ?? new Map<string, SelectionSetNode[]>();
      types.set(definition.name.value, [...(types.get(definition.name.value) ?? []), selection]);
      result.set(subgraph, types);
    }
  }
  return result;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** `value` cut down to what `selection` selects (objects and lists of objects alike). */
function project(value: Json, selection: SelectionSetNode): Json {
  if (Array.isArray(value)) {
    return value.map((item) => project(item, selection));
  }
  if (value === null || typeof value !== 'object') {
    return value;
  }
  const out: Record<string, Json> = {};
  for (const node of selection.selections) {
    if (node.kind === Kind.INLINE_FRAGMENT) {
      Object.assign(out, project(value, node.selectionSet));
      continue;
    }
    if (node.kind !== Kind.FIELD) {
      continue;
    }
    const name = node.name.value;
    if (name in value) {
      const field = value[name] as Json;
      out[name] = node.selectionSet ? project(field, node.selectionSet) : field;
    }
  }
  return out;
}

/**
 * One representation cut down to `__typename` and the union of the type's key fields; a
 * representation of a type without a key in this subgraph keeps `__typename` only.
 */
export function keysOnly(representation: unknown, keys: KeyFieldSets): unknown {
  if (representation === null || typeof representation !== 'object') {
    return representation;
  }
  const typename = (representation as { __typename?: unknown }).__typename;
  const kept: Record<string, Json> = { __typename: typename as Json };
  for (const key of keys.get(String(typename)) ?? []) {
    Object.assign(kept, project(representation as Json, key));
  }
  return kept;
}

/**
 * Cuts the `representations` variable of an `_entities` fetch down to keys, in place on the
 * request about to be sent. Other requests pass unchanged.
 */
export function restrictRepresentations(
  request: { variables?: Record<string, unknown> | undefined },
  keys: KeyFieldSets,
): void {
  const representations = request.variables?.['representations'];
  if (!Array.isArray(representations)) {
    return;
  }
  request.variables = {
    ...request.variables,
    representations: representations.map((r) => keysOnly(r, keys)),
  };
}

/**
 * The names of the CORE subgraphs: from the registry the gateway composes (when its supergraph
 * source is a `.json` registry), else from `schema/subgraphs.json`. Empty when neither can be read,
 * so every subgraph is then treated as PARTNER.
 */
export async function coreSubgraphNames(supergraphPath: string): Promise<ReadonlySet<string>> {
  const registryPath = supergraphPath.endsWith('.json')
    ? supergraphPath
    : projectPath('schema', 'subgraphs.json');
  const registry = await readRegistry(registryPath).catch(() => []);
  return new Set(registry.filter((e) => e.tier === 'CORE').map((e) => e.name));
}
