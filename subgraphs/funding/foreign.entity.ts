import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { CountryCodeScalar, M49CodeScalar } from '../../schema/scalars.js';

// The stubs of entities other subgraphs own: their key, and the fields this subgraph adds
// through its `<owner>-funding.resolver.ts` resolvers.

@ObjectType('Country', {
  description: 'A State, owned by member-states; funding adds the funding it received by key.',
})
@Directive('@key(fields: "iso3")')
export class Country {
  @Field(() => CountryCodeScalar, { description: 'ISO 3166-1 alpha-3 code: the federation key.' })
  iso3!: string;
}

@ObjectType('M49Region', { description: 'A UN M49 region, owned by member-states.' })
@Directive('@key(fields: "m49", resolvable: false)')
export class M49Region {
  @Field(() => M49CodeScalar, { description: 'UN M49 code, three digits: the federation key.' })
  m49!: string;
}

@ObjectType('Organization', {
  description:
    'An organisation, owned by the partners subgraph; funding adds its contributions by key.',
})
@Directive('@key(fields: "id")')
export class Organization {
  @Field(() => ID, { description: 'Organisation id (slug): the federation key.' })
  id!: string;
}
