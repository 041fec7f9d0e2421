import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { cacheHint } from '../../schema/cache-control.js';
import { CountryCodeScalar } from '../../schema/scalars.js';

/**
 * `Country` is owned by member-states; this subgraph adds fields to it (legislation, coverage …),
 * so its key is resolvable here: a reference resolves to the key alone.
 */
@ObjectType('Country', {
  description: 'A UN Member State or observer State (owned by member-states).',
})
@Directive('@key(fields: "iso3")')
@Directive(cacheHint.reference)
export class Country {
  @Field(() => CountryCodeScalar, { description: 'ISO 3166-1 alpha-3 code: the federation key.' })
  iso3!: string;
}

/**
 * `Organization` will be owned by the partners subgraph. Declared here with its key only and
 * `resolvable: false`, so this subgraph composes alone and the EU can be a treaty participant.
 */
@ObjectType('Organization', {
  description: 'A partner, donor or depositary organization (owned by the partners subgraph).',
})
@Directive('@key(fields: "id", resolvable: false)')
@Directive(cacheHint.reference)
export class Organization {
  @Field(() => ID, { description: 'Organization slug, such as "eu": the federation key.' })
  id!: string;
}
