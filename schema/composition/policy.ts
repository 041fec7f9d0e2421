import { Kind, parse, type FieldDefinitionNode, type SelectionSetNode } from 'graphql';
import { CACHE_CONTROL_SCOPE } from '../cache-control.js';
import {
  POLICY_RULES,
  RESERVED_PREFIXES,
  RESERVED_TYPE_NAMES,
  type CoreSdl,
  type PolicyCandidate,
  type PolicyRule,
  type PolicyViolation,
} from './policy-rules.js';
import {
  directiveNamed,
  FEDERATION_ROOT_FIELDS,
  isEntity,
  isFederationType,
  kernelCacheScopeOf,
  namedTypeOf,
  parseFieldSet,
  ROOT_TYPES,
  stringArgument,
  typesOf,
  typeText,
  withCanonicalDirectiveNames,
  type TypeInfo,
} from './sdl-types.js';

interface CoreType {
  readonly owner: string;
  readonly info: TypeInfo;
}

/** One judgement: the candidate's types, the core's, and the violations found so far. */
interface Judgement {
  readonly candidate: PolicyCandidate;
  readonly core: readonly CoreSdl[];
  readonly candidateTypes: Map<string, TypeInfo>;
  readonly coreTypes: Map<string, CoreType[]>;
  readonly violations: PolicyViolation[];
}

/** A field of the candidate as the field rules read it. */
interface FieldFacts {
  readonly typeName: string;
  readonly type: TypeInfo;
  readonly fieldName: string;
  readonly field: FieldDefinitionNode;
  readonly coordinate: string;
  /** The CORE subgraph that defines this field, if any. */
  readonly owner: string | undefined;
  readonly external: boolean;
  readonly isKey: boolean;
}

function violate(j: Judgement, rule: PolicyRule, coordinate: string, detail: string): void {
  j.violations.push({
    rule,
    coordinate,
    message: `${coordinate}: ${detail} (rule ${rule}: ${POLICY_RULES[rule]})`,
  });
}

function coreFieldOwner(j: Judgement, type: string, field: string): string | undefined {
  return j.coreTypes.get(type)?.find((t) => t.info.fields.has(field))?.owner;
}

function coreEntity(j: Judgement, type: string): boolean {
  return j.coreTypes.get(type)?.some((t) => isEntity(t.info)) ?? false;
}

function coreKey(j: Judgement, type: string, field: string): boolean {
  return j.coreTypes.get(type)?.some((t) => t.info.keyFields.has(field)) ?? false;
}

/** The named type a field returns, as the candidate or else the core declares it. */
function fieldTypeName(j: Judgement, type: string, field: string): string | undefined {
  const definition =
    j.candidateTypes.get(type)?.fields.get(field) ??
    j.coreTypes
      .get(type)
      ?.find((t) => t.info.fields.has(field))
      ?.info.fields.get(field);
  return definition ? namedTypeOf(definition.type) : undefined;
}

/** `Type.field` of every CORE-owned field a field set (`"a b { c }"`) selects from `type`. */
function coreFieldsSelected(j: Judgement, type: string, selection: SelectionSetNode): string[] {
  return selection.selections.flatMap((node) => {
    if (node.kind === Kind.INLINE_FRAGMENT) {
      return coreFieldsSelected(j, node.typeCondition?.name.value ?? type, node.selectionSet);
    }
    if (node.kind !== Kind.FIELD || node.name.value === '__typename') {
      return [];
    }
    const field = node.name.value;
    const own = coreFieldOwner(j, type, field) ? [`${type}.${field}`] : [];
    const returns = fieldTypeName(j, type, field);
    return node.selectionSet && returns
      ? [...own, ...coreFieldsSelected(j, returns, node.selectionSet)]
      : own;
  });
}

function coreFieldOwnerOf(j: Judgement, coordinate: string): string | undefined {
  const [type = '', field = ''] = coordinate.split('.');
  return coreFieldOwner(j, type, field);
}

/**
 * The violations of the partner policy by one PARTNER candidate, against the SDL of the CORE
 * subgraphs. Throws a `GraphQLError` (with its location) when the candidate does not parse.
 */
export function partnerPolicyViolations(
  candidate: PolicyCandidate,
  core: readonly CoreSdl[],
): PolicyViolation[] {
  const coreTypes = new Map<string, CoreType[]>();
  for (const subgraph of core) {
    for (const [name, info] of typesOf(withCanonicalDirectiveNames(parse(subgraph.sdl)))) {
      coreTypes.set(name, [...(coreTypes.get(name) ?? []), { owner: subgraph.name, info }]);
    }
  }
  const j: Judgement = {
    candidate,
    core,
    candidateTypes: typesOf(withCanonicalDirectiveNames(parse(candidate.sdl))),
    coreTypes,
    violations: [],
  };
  const kernelScope = kernelCacheScopeOf(candidate.sdl);
  for (const [typeName, type] of j.candidateTypes) {
    if (isFederationType(typeName) || (typeName === CACHE_CONTROL_SCOPE && kernelScope)) {
      continue;
    }
    judgeType(j, typeName, type);
  }
  return j.violations;
}

function judgeType(j: Judgement, typeName: string, type: TypeInfo): void {
  if ((typeName === 'Mutation' || typeName === 'Subscription') && !j.candidate.allowMutations) {
    for (const field of type.fields.keys()) {
      violate(
        j,
        'no-mutations-unless-allowed',
        `${typeName}.${field}`,
        `${j.candidate.name} defines a root ${typeName} field without "allowMutations"`,
      );
    }
  }
  if (!ROOT_TYPES.has(typeName)) {
    judgeTypeName(j, typeName, type);
  }
  judgeTypeDirectives(j, typeName, type);
  for (const [fieldName, field] of type.fields) {
    if (typeName === 'Query' && FEDERATION_ROOT_FIELDS.has(fieldName)) {
      continue;
    }
    judgeField(j, factsOf(j, typeName, type, fieldName, field));
  }
}

function judgeTypeName(j: Judgement, typeName: string, type: TypeInfo): void {
  const coreType = j.coreTypes.get(typeName);
  const prefix = RESERVED_PREFIXES.find((p) => typeName.startsWith(p));
  const extendsCoreEntity = coreEntity(j, typeName) && isEntity(type);
  const sharedScalar = coreType !== undefined && type.kind === Kind.SCALAR_TYPE_DEFINITION;
  if (prefix) {
    violate(j, 'no-reserved-names', typeName, `the type name uses the reserved prefix "${prefix}"`);
  } else if (RESERVED_TYPE_NAMES.includes(typeName)) {
    violate(j, 'no-reserved-names', typeName, 'the type name is reserved by the core');
  } else if (coreType && !extendsCoreEntity && !sharedScalar) {
    violate(
      j,
      'no-reserved-names',
      typeName,
      `the type name belongs to CORE subgraph ${coreType[0]?.owner}; choose a name of your own`,
    );
  }
}

function judgeTypeDirectives(j: Judgement, typeName: string, type: TypeInfo): void {
  const coreType = j.coreTypes.get(typeName);
  if (!coreType) {
    return;
  }
  const owner = coreType[0]?.owner;
  if (directiveNamed(type.directives, 'inaccessible').length > 0) {
    violate(
      j,
      'no-inaccessible-of-core',
      typeName,
      `@inaccessible hides a type of CORE subgraph ${owner}`,
    );
  }
  if (directiveNamed(type.directives, 'shareable').length > 0) {
    violate(
      j,
      'no-shareable-claim-of-core',
      typeName,
      `@shareable on the type claims the fields of CORE subgraph ${owner}`,
    );
  }
  for (const context of directiveNamed(type.directives, 'context')) {
    violate(
      j,
      'no-context-of-core',
      typeName,
      `@context(name: "${stringArgument(context, 'name') ?? ''}") on a type of CORE subgraph ${owner}`,
    );
  }
}

function factsOf(
  j: Judgement,
  typeName: string,
  type: TypeInfo,
  fieldName: string,
  field: FieldDefinitionNode,
): FieldFacts {
  const owner = coreFieldOwner(j, typeName, fieldName);
  const typeExternal = directiveNamed(type.directives, 'external').length > 0;
  return {
    typeName,
    type,
    fieldName,
    field,
    coordinate: `${typeName}.${fieldName}`,
    owner,
    external: typeExternal || directiveNamed(field.directives, 'external').length > 0,
    // Key fields are shareable by nature: only the core's own keys may be repeated, or a
    // partner could declare `@key(fields: "name")` and answer `Country.name` itself.
    isKey:
      type.keyFields.has(fieldName) &&
      (j.coreTypes.has(typeName) ? coreKey(j, typeName, fieldName) : !owner),
  };
}

function judgeField(j: Judgement, f: FieldFacts): void {
  judgeOverrides(j, f);
  judgeClaims(j, f);
  for (const requires of directiveNamed(f.field.directives, 'requires')) {
    const fields = stringArgument(requires, 'fields') ?? '';
    const selected = parseFieldSet(fields);
    const named = selected ? coreFieldsSelected(j, f.typeName, selected) : [];
    if (named.length > 0) {
      violate(
        j,
        'no-requires-of-core',
        f.coordinate,
        `@requires(fields: "${fields}") would send ${named.join(', ')} (owned by CORE subgraph ${coreFieldOwnerOf(j, named[0]!)}) to this subgraph`,
      );
    }
  }
  for (const argument of f.field.arguments ?? []) {
    for (const fromContext of directiveNamed(argument.directives, 'fromContext')) {
      judgeFromContext(j, f, argument.name.value, stringArgument(fromContext, 'field') ?? '');
    }
  }
  judgeShape(j, f);
}

function judgeOverrides(j: Judgement, f: FieldFacts): void {
  for (const override of directiveNamed(f.field.directives, 'override')) {
    const from = stringArgument(override, 'from') ?? '';
    const fromCore = j.core.some((c) => c.name === from);
    if (fromCore || f.owner) {
      violate(
        j,
        'no-override-of-core',
        f.coordinate,
        `@override(from: "${from}") takes the field from CORE subgraph ${f.owner ?? from}`,
      );
    }
  }
}

/** A CORE field declared @external, defined again, @shareable-claimed or hidden. */
function judgeClaims(j: Judgement, f: FieldFacts): void {
  const { owner, coordinate } = f;
  const typeShareable = directiveNamed(f.type.directives, 'shareable').length > 0;
  const fieldShareable = directiveNamed(f.field.directives, 'shareable').length > 0;
  if (owner && f.external && !coreKey(j, f.typeName, f.fieldName)) {
    const keys = new Set(j.coreTypes.get(f.typeName)?.flatMap((t) => [...t.info.keyFields]));
    violate(
      j,
      'no-external-of-core',
      coordinate,
      `@external declares a field owned by CORE subgraph ${owner}; only its key fields (${[...keys].join(', ')}) may be @external`,
    );
  } else if (
    owner &&
    !f.external &&
    !f.isKey &&
    directiveNamed(f.field.directives, 'override').length === 0
  ) {
    violate(
      j,
      'no-shareable-claim-of-core',
      coordinate,
      `${typeShareable || fieldShareable ? '@shareable claims' : 'defines'} a field owned by CORE subgraph ${owner}`,
    );
  } else if (owner && fieldShareable) {
    violate(
      j,
      'no-shareable-claim-of-core',
      coordinate,
      `@shareable claims a field owned by CORE subgraph ${owner}`,
    );
  }
  if (owner && directiveNamed(f.field.directives, 'inaccessible').length > 0) {
    violate(
      j,
      'no-inaccessible-of-core',
      coordinate,
      `@inaccessible hides a field owned by CORE subgraph ${owner}`,
    );
  }
}

/** `@fromContext(field: "$name { … }")` on an argument: which CORE fields it would send. */
function judgeFromContext(j: Judgement, f: FieldFacts, argument: string, value: string): void {
  const match = /^\s*\$(\w+)\s*(.*)$/s.exec(value);
  const contextTypes = [...j.candidateTypes]
    .filter(([, t]) =>
      directiveNamed(t.directives, 'context').some((c) => stringArgument(c, 'name') === match?.[1]),
    )
    .map(([name]) => name);
  const rest = (match?.[2] ?? '').trim();
  const selected = parseFieldSet(rest.startsWith('{') ? rest.slice(1, -1) : rest);
  const named = selected ? contextTypes.flatMap((t) => coreFieldsSelected(j, t, selected)) : [];
  if (named.length > 0 || contextTypes.some((t) => j.coreTypes.has(t))) {
    violate(
      j,
      'no-context-of-core',
      `${f.coordinate}(${argument}:)`,
      `@fromContext(field: "${value}") would send ${named.length > 0 ? named.join(', ') : `fields of CORE type ${contextTypes.find((t) => j.coreTypes.has(t))}`} to this subgraph`,
    );
  }
}

/** What a field returns and is called: @provides of core types, reserved names, nullability. */
function judgeShape(j: Judgement, f: FieldFacts): void {
  const { field, coordinate } = f;
  const returns = namedTypeOf(field.type);
  if (directiveNamed(field.directives, 'provides').length > 0 && j.coreTypes.has(returns)) {
    violate(
      j,
      'no-shareable-claim-of-core',
      coordinate,
      `@provides claims fields of ${returns}, a type of the CORE subgraphs`,
    );
  }
  if (ROOT_TYPES.has(f.typeName)) {
    const prefix = RESERVED_PREFIXES.find((p) => f.fieldName.startsWith(p));
    if (prefix && !f.owner) {
      violate(
        j,
        'no-reserved-names',
        coordinate,
        `the field name uses the reserved prefix "${prefix}"`,
      );
    }
  }
  if (
    !f.owner &&
    !f.isKey &&
    !f.external &&
    coreEntity(j, f.typeName) &&
    field.type.kind === Kind.NON_NULL_TYPE
  ) {
    violate(
      j,
      'nullable-fields-on-core-entities',
      coordinate,
      `is ${typeText(field.type)}; declare it as ${typeText(field.type.type)}`,
    );
  }
}
