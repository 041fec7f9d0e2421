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
