import {
  Kind,
  parse,
  print,
  visit,
  type ArgumentNode,
  type SelectionSetNode,
  type ValueNode,
  type DirectiveNode,
  type DefinitionNode,
  type DocumentNode,
  type FieldDefinitionNode,
  type TypeNode,
} from 'graphql';
import { CACHE_CONTROL_SCOPE } from '../cache-control.js';

/**
 * The partner policy: what a PARTNER-tier subgraph may and may not contribute to the graph. Pure:
 * SDL text in, violations out, so it runs the same in `schema:check`, `schema:publish` and the
 * gateway's registry mode, and is unit-tested rule by rule.
 *
 * A partner may add its own types and root `Query` fields, and add nullable fields to entities
 * of the core (such as `Country` by `iso3`). It may not take over what the core owns.
 */
export type PolicyRule =
  | 'no-override-of-core'
  | 'no-shareable-claim-of-core'
  | 'no-external-of-core'
  | 'no-requires-of-core'
  | 'no-context-of-core'
  | 'no-inaccessible-of-core'
  | 'no-mutations-unless-allowed'
  | 'no-reserved-names'
  | 'nullable-fields-on-core-entities';

export const POLICY_RULES: Readonly<Record<PolicyRule, string>> = {
  'no-override-of-core': 'a partner subgraph may not @override a field owned by a CORE subgraph',
  'no-shareable-claim-of-core':
    'a partner subgraph may not define (or @shareable-claim) a field a CORE subgraph defines, except the key fields of an entity it extends, and may not mark any CORE field or type @shareable',
  'no-external-of-core':
    'a partner subgraph may declare @external only the key fields of a CORE entity, since an @external field is data the gateway would send it',
  'no-requires-of-core':
    "a partner subgraph may not @requires a field owned by a CORE subgraph: the gateway would send that field's value to the partner",
  'no-context-of-core':
    "a partner subgraph may not set @context on a CORE type nor read a CORE field with @fromContext: the gateway would send that field's value to the partner",
  'no-inaccessible-of-core':
    'a partner subgraph may not mark a CORE type or field @inaccessible, which would hide it from every client',
  'no-mutations-unless-allowed':
    'a partner subgraph may define root Mutation or Subscription fields only with "allowMutations": true in schema/subgraphs.json',
  'no-reserved-names':
    'a partner subgraph may not define a type with the name of a CORE type (other than an entity it extends by key, or a shared scalar) nor a name with a reserved prefix',
  'nullable-fields-on-core-entities':
    'fields a partner subgraph adds to a CORE entity must be nullable, so a partner outage leaves core results valid',
};

/** Type and root-field names that start with these belong to the core (and to federation). */
export const RESERVED_PREFIXES = ['Unodc', 'unodc', 'Core', 'core', '_', 'join__', 'link__'];

/** Names no partner may define whatever the core's current SDL says. */
export const RESERVED_TYPE_NAMES = ['Node', 'Viewer', 'AuditEntry'];

export interface PolicyViolation {
  readonly rule: PolicyRule;
  /** `Type.field` or `Type`. */
  readonly coordinate: string;
  readonly message: string;
}

export interface PolicyCandidate {
  readonly name: string;
  readonly sdl: string;
  readonly allowMutations: boolean;
}

export interface CoreSdl {
  readonly name: string;
  readonly sdl: string;
}

interface TypeInfo {
  readonly kind: DefinitionNode['kind'];
  readonly keyFields: Set<string>;
  readonly fields: Map<string, FieldDefinitionNode>;
  readonly directives: readonly DirectiveNode[];
}

const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);

/**
 * Federation's own machinery, as a subgraph's `_service { sdl }` may print it: not the partner's
 * contribution, so the policy does not judge it (composition does).
 */
const FEDERATION_TYPES = new Set(['_Any', '_Entity', '_Service', 'FieldSet']);
const FEDERATION_ROOT_FIELDS = new Set(['_service', '_entities']);

function isFederationType(name: string): boolean {
  return FEDERATION_TYPES.has(name) || name.startsWith('link__') || name.startsWith('federation__');
}

/**
 * Whether the SDL's `CacheControlScope` is the kernel's own (PUBLIC, PRIVATE, `@inaccessible`):
 * every subgraph built with the kernel defines it for `@cacheControl`, partners included.
 */
function kernelCacheScopeOf(sdl: string): boolean {
  const scope = parse(sdl).definitions.find(
    (d) => d.kind === Kind.ENUM_TYPE_DEFINITION && d.name.value === CACHE_CONTROL_SCOPE,
  );
  return (
    scope?.kind === Kind.ENUM_TYPE_DEFINITION &&
    (scope.values ?? []).map((v) => v.name.value).join(',') === 'PUBLIC,PRIVATE' &&
    (scope.directives ?? []).some((d) => d.name.value === 'inaccessible')
  );
}

function directiveNamed(
  directives: readonly DirectiveNode[] | undefined,
  name: string,
): DirectiveNode[] {
  return (directives ?? []).filter((d) => d.name.value === name);
}

function stringArgument(directive: DirectiveNode, name: string): string | undefined {
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
function withCanonicalDirectiveNames(document: DocumentNode): DocumentNode {
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
function typesOf(document: DocumentNode): Map<string, TypeInfo> {
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
function parseFieldSet(fields: string): SelectionSetNode | undefined {
  try {
    const document = parse(`{ ${fields} }`);
    const operation = document.definitions[0];
    return operation?.kind === Kind.OPERATION_DEFINITION ? operation.selectionSet : undefined;
  } catch {
    return undefined;
  }
}

function isEntity(type: TypeInfo | undefined): boolean {
  return (type?.keyFields.size ?? 0) > 0;
}

function namedTypeOf(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedTypeOf(type.type);
}

function typeText(type: TypeNode): string {
  return print(type);
}

/**
 * The violations of the partner policy by one PARTNER candidate, against the SDL of the CORE
 * subgraphs. Throws a `GraphQLError` (with its location) when the candidate does not parse.
 */
export function partnerPolicyViolations(
  candidate: PolicyCandidate,
  core: readonly CoreSdl[],
): PolicyViolation[] {
  const candidateTypes = typesOf(withCanonicalDirectiveNames(parse(candidate.sdl)));
  const coreTypes = new Map<string, { owner: string; info: TypeInfo }[]>();
  for (const subgraph of core) {
    for (const [name, info] of typesOf(withCanonicalDirectiveNames(parse(subgraph.sdl)))) {
      coreTypes.set(name, [...(coreTypes.get(name) ?? []), { owner: subgraph.name, info }]);
    }
  }
  const coreFieldOwner = (type: string, field: string) =>
    coreTypes.get(type)?.find((t) => t.info.fields.has(field))?.owner;
  const coreEntity = (type: string) => coreTypes.get(type)?.some((t) => isEntity(t.info)) ?? false;
  const coreKey = (type: string, field: string) =>
    coreTypes.get(type)?.some((t) => t.info.keyFields.has(field)) ?? false;
  /** The named type a field returns, as the candidate or else the core declares it. */
  const fieldTypeName = (type: string, field: string) => {
    const definition =
      candidateTypes.get(type)?.fields.get(field) ??
      coreTypes
        .get(type)
        ?.find((t) => t.info.fields.has(field))
        ?.info.fields.get(field);
    return definition ? namedTypeOf(definition.type) : undefined;
  };
  /** `Type.field` of every CORE-owned field a field set (`"a b { c }"`) selects from `type`. */
  const coreFieldsSelected = (type: string, selection: SelectionSetNode): string[] =>
    selection.selections.flatMap((node) => {
      if (node.kind === Kind.INLINE_FRAGMENT) {
        return coreFieldsSelected(node.typeCondition?.name.value ?? type, node.selectionSet);
      }
      if (node.kind !== Kind.FIELD || node.name.value === '__typename') {
        return [];
      }
      const field = node.name.value;
      const own = coreFieldOwner(type, field) ? [`${type}.${field}`] : [];
      const returns = fieldTypeName(type, field);
      return node.selectionSet && returns
        ? [...own, ...coreFieldsSelected(returns, node.selectionSet)]
        : own;
    });

  const coreFieldOwnerOf = (coordinate: string) => {
    const [type = '', field = ''] = coordinate.split('.');
    return coreFieldOwner(type, field);
  };
  const violations: PolicyViolation[] = [];
  const violate = (rule: PolicyRule, coordinate: string, detail: string) =>
    violations.push({
      rule,
      coordinate,
      message: `${coordinate}: ${detail} (rule ${rule}: ${POLICY_RULES[rule]})`,
    });

  const kernelScope = kernelCacheScopeOf(candidate.sdl);
  for (const [typeName, type] of candidateTypes) {
    if (isFederationType(typeName) || (typeName === CACHE_CONTROL_SCOPE && kernelScope)) {
      continue;
    }
    if (typeName === 'Mutation' || typeName === 'Subscription') {
      if (!candidate.allowMutations) {
        for (const field of type.fields.keys()) {
          violate(
            'no-mutations-unless-allowed',
            `${typeName}.${field}`,
            `${candidate.name} defines a root ${typeName} field without "allowMutations"`,
          );
        }
      }
    }
    const coreType = coreTypes.get(typeName);
    if (!ROOT_TYPES.has(typeName)) {
      const prefix = RESERVED_PREFIXES.find((p) => typeName.startsWith(p));
      const extendsCoreEntity = coreEntity(typeName) && isEntity(type);
      const sharedScalar = coreType !== undefined && type.kind === Kind.SCALAR_TYPE_DEFINITION;
      if (prefix) {
        violate(
          'no-reserved-names',
          typeName,
          `the type name uses the reserved prefix "${prefix}"`,
        );
      } else if (RESERVED_TYPE_NAMES.includes(typeName)) {
        violate('no-reserved-names', typeName, 'the type name is reserved by the core');
      } else if (coreType && !extendsCoreEntity && !sharedScalar) {
        violate(
          'no-reserved-names',
          typeName,
          `the type name belongs to CORE subgraph ${coreType[0]?.owner}; choose a name of your own`,
        );
      }
    }
    const typeShareable = directiveNamed(type.directives, 'shareable').length > 0;
    const typeExternal = directiveNamed(type.directives, 'external').length > 0;
    if (coreType && directiveNamed(type.directives, 'inaccessible').length > 0) {
      violate(
        'no-inaccessible-of-core',
        typeName,
        `@inaccessible hides a type of CORE subgraph ${coreType[0]?.owner}`,
      );
    }
    if (coreType && typeShareable) {
      violate(
        'no-shareable-claim-of-core',
        typeName,
        `@shareable on the type claims the fields of CORE subgraph ${coreType[0]?.owner}`,
      );
    }
    for (const context of directiveNamed(type.directives, 'context')) {
      if (coreType) {
        violate(
          'no-context-of-core',
          typeName,
          `@context(name: "${stringArgument(context, 'name') ?? ''}") on a type of CORE subgraph ${coreType[0]?.owner}`,
        );
      }
    }
    for (const [fieldName, field] of type.fields) {
      if (typeName === 'Query' && FEDERATION_ROOT_FIELDS.has(fieldName)) {
        continue;
      }
      const coordinate = `${typeName}.${fieldName}`;
      const owner = coreFieldOwner(typeName, fieldName);
      for (const override of directiveNamed(field.directives, 'override')) {
        const from = stringArgument(override, 'from') ?? '';
        const fromCore = core.some((c) => c.name === from);
        if (fromCore || owner) {
          violate(
            'no-override-of-core',
            coordinate,
            `@override(from: "${from}") takes the field from CORE subgraph ${owner ?? from}`,
          );
        }
      }
      const external = typeExternal || directiveNamed(field.directives, 'external').length > 0;
      // Key fields are shareable by nature: only the core's own keys may be repeated, or a
      // partner could declare `@key(fields: "name")` and answer `Country.name` itself.
      const isKey =
        type.keyFields.has(fieldName) &&
        (coreTypes.has(typeName) ? coreKey(typeName, fieldName) : !owner);
      const fieldShareable = directiveNamed(field.directives, 'shareable').length > 0;
      if (owner && external && !coreKey(typeName, fieldName)) {
        violate(
          'no-external-of-core',
          coordinate,
          `@external declares a field owned by CORE subgraph ${owner}; only its key fields (${[...new Set(coreTypes.get(typeName)?.flatMap((t) => [...t.info.keyFields]))].join(', ')}) may be @external`,
        );
      } else if (
        owner &&
        !external &&
        !isKey &&
        directiveNamed(field.directives, 'override').length === 0
      ) {
        violate(
          'no-shareable-claim-of-core',
          coordinate,
          `${typeShareable || fieldShareable ? '@shareable claims' : 'defines'} a field owned by CORE subgraph ${owner}`,
        );
      } else if (owner && fieldShareable) {
        violate(
          'no-shareable-claim-of-core',
          coordinate,
          `@shareable claims a field owned by CORE subgraph ${owner}`,
        );
      }
      if (owner && directiveNamed(field.directives, 'inaccessible').length > 0) {
        violate(
          'no-inaccessible-of-core',
          coordinate,
          `@inaccessible hides a field owned by CORE subgraph ${owner}`,
        );
      }
      for (const requires of directiveNamed(field.directives, 'requires')) {
        const fields = stringArgument(requires, 'fields') ?? '';
        const selected = parseFieldSet(fields);
        const named = selected ? coreFieldsSelected(typeName, selected) : [];
        if (named.length > 0) {
          violate(
            'no-requires-of-core',
            coordinate,
            `@requires(fields: "${fields}") would send ${named.join(', ')} (owned by CORE subgraph ${coreFieldOwnerOf(named[0]!)}) to this subgraph`,
          );
        }
      }
      for (const argument of field.arguments ?? []) {
        for (const fromContext of directiveNamed(argument.directives, 'fromContext')) {
          const value = stringArgument(fromContext, 'field') ?? '';
          const match = /^\s*\$(\w+)\s*(.*)$/s.exec(value);
          const contextTypes = [...candidateTypes]
            .filter(([, t]) =>
              directiveNamed(t.directives, 'context').some(
                (c) => stringArgument(c, 'name') === match?.[1],
              ),
            )
            .map(([name]) => name);
          const rest = (match?.[2] ?? '').trim();
          const selected = parseFieldSet(rest.startsWith('{') ? rest.slice(1, -1) : rest);
          const named = selected
            ? contextTypes.flatMap((t) => coreFieldsSelected(t, selected))
            : [];
          if (named.length > 0 || contextTypes.some((t) => coreTypes.has(t))) {
            violate(
              'no-context-of-core',
              `${coordinate}(${argument.name.value}:)`,
              `@fromContext(field: "${value}") would send ${named.length > 0 ? named.join(', ') : `fields of CORE type ${contextTypes.find((t) => coreTypes.has(t))}`} to this subgraph`,
            );
          }
        }
      }
      const returns = namedTypeOf(field.type);
      if (directiveNamed(field.directives, 'provides').length > 0 && coreTypes.has(returns)) {
        violate(
          'no-shareable-claim-of-core',
          coordinate,
          `@provides claims fields of ${returns}, a type of the CORE subgraphs`,
        );
      }
      if (ROOT_TYPES.has(typeName)) {
        const prefix = RESERVED_PREFIXES.find((p) => fieldName.startsWith(p));
        if (prefix && !owner) {
          violate(
            'no-reserved-names',
            coordinate,
            `the field name uses the reserved prefix "${prefix}"`,
          );
        }
      }
      if (
        !owner &&
        !isKey &&
        !external &&
        coreEntity(typeName) &&
        field.type.kind === Kind.NON_NULL_TYPE
      ) {
        violate(
          'nullable-fields-on-core-entities',
          coordinate,
          `is ${typeText(field.type)}; declare it as ${typeText(field.type.type)}`,
        );
      }
    }
  }
  return violations;
}
