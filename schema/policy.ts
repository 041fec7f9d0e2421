import {
  Kind,
  parse,
  print,
  type DirectiveNode,
  type DefinitionNode,
  type DocumentNode,
  type FieldDefinitionNode,
  type TypeNode,
} from 'graphql';

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
  | 'no-mutations-unless-allowed'
  | 'no-reserved-names'
  | 'nullable-fields-on-core-entities';

export const POLICY_RULES: Readonly<Record<PolicyRule, string>> = {
  'no-override-of-core': 'a partner subgraph may not @override a field owned by a CORE subgraph',
  'no-shareable-claim-of-core':
    'a partner subgraph may not define (or @shareable-claim) a field a CORE subgraph defines, except the key fields of an entity it extends',
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
  const candidateTypes = typesOf(parse(candidate.sdl));
  const coreTypes = new Map<string, { owner: string; info: TypeInfo }[]>();
  for (const subgraph of core) {
    for (const [name, info] of typesOf(parse(subgraph.sdl))) {
      coreTypes.set(name, [...(coreTypes.get(name) ?? []), { owner: subgraph.name, info }]);
    }
  }
  const coreFieldOwner = (type: string, field: string) =>
    coreTypes.get(type)?.find((t) => t.info.fields.has(field))?.owner;
  const coreEntity = (type: string) => coreTypes.get(type)?.some((t) => isEntity(t.info)) ?? false;

  const violations: PolicyViolation[] = [];
  const violate = (rule: PolicyRule, coordinate: string, detail: string) =>
    violations.push({
      rule,
      coordinate,
      message: `${coordinate}: ${detail} (rule ${rule}: ${POLICY_RULES[rule]})`,
    });

  for (const [typeName, type] of candidateTypes) {
    if (isFederationType(typeName)) {
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
      const external = directiveNamed(field.directives, 'external').length > 0;
      // Key fields are shareable by nature: only the core's own keys may be repeated, or a
      // partner could declare `@key(fields: "name")` and answer `Country.name` itself.
      const isKey =
        type.keyFields.has(fieldName) &&
        (coreTypes.get(typeName)?.some((t) => t.info.keyFields.has(fieldName)) ?? !owner);
      if (
        owner &&
        !external &&
        !isKey &&
        directiveNamed(field.directives, 'override').length === 0
      ) {
        const shareable = typeShareable || directiveNamed(field.directives, 'shareable').length > 0;
        violate(
          'no-shareable-claim-of-core',
          coordinate,
          `${shareable ? '@shareable claims' : 'defines'} a field owned by CORE subgraph ${owner}`,
        );
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
