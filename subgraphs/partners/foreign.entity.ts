import { Directive, Field, ObjectType } from 'type-graphql';
import { CountryCodeScalar, M49CodeScalar } from '../../schema/scalars.js';

/**
 * A Country, owned by member-states. This subgraph adds `partners` and `partnerships` to it, so it
 * resolves the key itself (the reference returns the key only).
 */
@ObjectType('Country', {
  description:
    'A UN Member State or non-member observer State. Owned by member-states; other subgraphs add fields by key.',
})
@Directive('@key(fields: "iso3")')
export class Country {
  @Field(() => CountryCodeScalar, { description: 'ISO 3166-1 alpha-3 code: the federation key.' })
  iso3!: string;
}

/** An M49 region, owned by member-states: the gateway resolves its name there. */
@ObjectType('M49Region', {
  description: 'A UN M49 geographic region, sub-region or intermediate region (UNSD).',
})
@Directive('@key(fields: "m49", resolvable: false)')
export class M49Region {
  @Field(() => M49CodeScalar, { description: 'UN M49 code, three digits: the federation key.' })
  m49!: string;
}
