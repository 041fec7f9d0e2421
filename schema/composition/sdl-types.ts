import {
  Kind,
  parse,
  print,
  visit,
  type ArgumentNode,
  type DefinitionNode,
  type DirectiveNode,
  type DocumentNode,
  type FieldDefinitionNode,
  type SelectionSetNode,
  type TypeNode,
  type ValueNode,
} from 'graphql';
import { CACHE_CONTROL_SCOPE } from '../cache-control.js';

/*
 * A subgraph SDL read for the partner policy: its named types with their keys, fields and
 * directives, federation directives under their own names whatever the `@link` renamed.
 */

export interface TypeInfo {
  readonly kind: DefinitionNode['kind'];
  readonly keyFields: Set<string>;
  readonly fields: Map<string, FieldDefinitionNode>;
  readonly directives: readonly DirectiveNode[];
}

export const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);

/**
 * Federation's own machinery, as a subgraph's `_service { sdl }` may print it: not the partner's
 * contribution, so the policy does not judge it (composition does).
 */
const FEDERATION_TYPES = new Set(['_Any', '_Entity', '_Service', 'FieldSet']);
export const FEDERATION_ROOT_FIELDS = new Set(['_service', '_entities']);

export function isFederationType(name: string): boolean {
  return FEDERATION_TYPES.has(name) || name.startsWith('link__') || name.startsWith('federation__');
}

/**
 * Whether the SDL's `CacheControlScope` is the kernel's own (PUBLIC, PRIVATE, `@inaccessible`):
 * every subgraph built with the kernel defines it for `@cacheControl`, partners included.
 */
export function kernelCacheScopeOf(sdl: string): boolean {
  const scope = parse(sdl).definitions.find(
    (d) => d.kind === Kind.ENUM_TYPE_DEFINITION && d.name.value === CACHE_CONTROL_SCOPE,
  );
  return (
    scope?.kind === Kind.ENUM_TYPE_DEFINITION &&
    (scope.values ?? []).map((v) => v.name.value).join(',') === 'PUBLIC,PRIVATE' &&
    (scope.directives ?? []).some((d) => d.name.value === 'inaccessible')
  );
}

export function directiveNamed(
  directives: readonly DirectiveNode[] | undefined,
  name: string,
): DirectiveNode[] {
  return (directives ?? []).filter((d) => d.name.value === name);
}

export function stringArgument(directive: DirectiveNode, name: string): string | undefined {
  const argument = directive.arguments?.find((a) => a.name.value === name);
  return argument?.value.kind === Kind.STRING ? argument.value.value : undefined;
}

/** The top-level field names of `@key(fields: "iso3")` or `@key(fields: "a b { c }")`. */
function keyFieldNames(directives: readonly DirectiveNode[]): string[] {
  return directiveNamed(directives, 'key').flatMap((key) => {
    const fields = stringArgument(key, 'fields') ?? '';
    return fields
      .replace(/\{[^}]*\}/g, ' ')
      .split(/[\s,]+/)
      .filter(Boolean);
  });
}

const FEDERATION_SPEC = /^https:\/\/specs\.apollo\.dev\/federation\/v/;

function argumentValue(args: readonly ArgumentNode[] | undefined, name: string) {
  return args?.find((a) => a.name.value === name)?.value;
}

function stringValue(value: ValueNode | undefined): string | undefined {
  return value?.kind === Kind.STRING ? value.value : undefined;
}

/**
 * The document with every federation directive under its own name: `@link(import: [{ name:
 * "@requires", as: "@needs" }])` makes `@needs` mean `@requires`, and a directive that is not
 * imported is spelled `@federation__requires` (or `@<as>__requires`). Without this, a partner
 * could rename a directive past the policy; composition would still honour it.
 */
export function withCanonicalDirectiveNames(document: DocumentNode): DocumentNode {
  const renames = new Map<string, string>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.SCHEMA_EXTENSION && definition.kind !== Kind.SCHEMA_DEFINITION) {
      continue;
    }
    for (const link of directiveNamed(definition.directives, 'link')) {
      if (!FEDERATION_SPEC.test(stringValue(argumentValue(link.arguments, 'url')) ?? '')) {
        continue;
      }
      const namespace = stringValue(argumentValue(link.arguments, 'as')) ?? 'federation';
      const imports = argumentValue(link.arguments, 'import');
      for (const item of imports?.kind === Kind.LIST ? imports.values : []) {
        const name =
          stringValue(item) ??
          stringValue(
            item.kind === Kind.OBJECT
              ? item.fields.find((f) => f.name.value === 'name')?.value
              : undefined,
          );
        const alias =
          item.kind === Kind.OBJECT
            ? stringValue(item.fields.find((f) => f.name.value === 'as')?.value)
            : undefined;
        if (name?.startsWith('@')) {
          renames.set((alias ?? name).slice(1), name.slice(1));
        }
      }
      renames.set(`${namespace}__*`, '');
    }
  }
  const namespaced = [...renames.keys()]
    .filter((k) => k.endsWith('__*'))
    .map((k) => k.slice(0, -1));
  return visit(document, {
    Directive(node) {
      const name = node.name.value;
      const prefix = namespaced.find((p) => name.startsWith(p));
      const canonical = renames.get(name) ?? (prefix ? name.slice(prefix.length) : undefined);
      return canonical && canonical !== name
        ? { ...node, name: { ...node.name, value: canonical } }
        : undefined;
    },
  });
}

/** Every named type of a subgraph SDL, with definitions and extensions merged. */
export function typesOf(document: DocumentNode): Map<string, TypeInfo> {
  const types = new Map<string, TypeInfo>();
  for (const definition of document.definitions) {
    if (
      !('name' in definition) ||
      !definition.name ||
      definition.kind === Kind.DIRECTIVE_DEFINITION
    ) {
      continue;
    }
    const name = definition.name.value;
    const directives = 'directives' in definition ? (definition.directives ?? []) : [];
    const existing = types.get(name);
    const info: TypeInfo = existing ?? {
      kind: definition.kind,
      keyFields: new Set(),
      fields: new Map(),
      directives: [],
    };
    for (const key of keyFieldNames(directives)) {
      info.keyFields.add(key);
    }
    if ('fields' in definition && definition.fields) {
      for (const field of definition.fields) {
        if (field.kind === Kind.FIELD_DEFINITION) {
          info.fields.set(field.name.value, field);
        }
      }
    }
    types.set(name, { ...info, directives: [...info.directives, ...directives] });
  }
  return types;
}

/** A field set (`"a b { c }"`) as a selection set, or `undefined` when it does not parse. */
export function parseFieldSet(fields: string): SelectionSetNode | undefined {
  try {
    const document = parse(`{ ${fields} }`);
    const operation = document.definitions[0];
    return operation?.kind === Kind.OPERATION_DEFINITION ? operation.selectionSet : undefined;
  } catch {
    return undefined;
  }
}

export function isEntity(type: TypeInfo | undefined): boolean {
  return (type?.keyFields.size ?? 0) > 0;
}

export function namedTypeOf(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedTypeOf(type.type);
}

export function typeText(type: TypeNode): string {
  return print(type);
}
